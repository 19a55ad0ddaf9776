package io.postern.orchestrator.event;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * Logback encoder of the audit log: one JSON object per event and per line, {@code ts} (ISO-8601 UTC)
 * first, then the event's SLF4J key-value pairs in the order they were added. Numbers and booleans stay
 * JSON numbers and booleans, null values are left out, everything else is a JSON string.
 */
public final class AuditJsonEncoder extends EncoderBase<ILoggingEvent> {

    private static final byte[] NONE = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        StringBuilder b = new StringBuilder(256).append("{\"ts\":\"")
                .append(Instant.ofEpochMilli(event.getTimeStamp())).append('"');
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null || pairs.isEmpty()) {
            b.append(",\"message\":");
            string(b, event.getFormattedMessage());
        } else {
            for (KeyValuePair kv : pairs) {
                if (kv.value == null) {
                    continue;
                }
                b.append(',');
                string(b, kv.key);
                b.append(':');
                value(b, kv.value);
            }
        }
        return b.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }

    private static void value(StringBuilder b, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof Boolean) {
            b.append(v);
        } else {
            string(b, v.toString());
        }
    }

    /** Appends {@code s} as a JSON string (RFC 8259 escapes; control characters as \\u00XX). */
    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
