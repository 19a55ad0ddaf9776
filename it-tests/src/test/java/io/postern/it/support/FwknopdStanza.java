package io.postern.it.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One access.conf stanza for a test fwknopd. By default it is a {@code CMD_CYCLE} stanza whose open
 * command appends {@code OPEN $SRC $PROTO $PORT $CLIENT_TIMEOUT} to a log file and whose close
 * command appends the matching {@code CLOSE} line, so fwknopd never initialises its firewall layer.
 * {@link #withoutCmdCycle()} drops that; {@link Fwknopd} then only runs it in {@code -t} test mode.
 */
public final class FwknopdStanza {

    /** CMD_CYCLE_TIMER, and so $CLIENT_TIMEOUT when the client sends none. */
    public static final int CYCLE_TIMER = 30;

    private final Map<String, String> directives = new LinkedHashMap<>();
    private boolean cmdCycle = true;

    private FwknopdStanza(String source) {
        directives.put("SOURCE", source);
    }

    /** A stanza for {@code SOURCE source} ({@code ANY}, an address or a CIDR list). */
    public static FwknopdStanza source(String source) {
        return new FwknopdStanza(source);
    }

    /** A {@code SOURCE ANY} stanza with these keys, HMAC type and mode (config spellings). */
    public static FwknopdStanza any(KeySpec keys, String hmacType, String mode) {
        FwknopdStanza s = keys.applyTo(source("ANY"));
        if (keys.hasHmac() && hmacType != null) {
            s.set("HMAC_DIGEST_TYPE", hmacType);
        }
        if (mode != null) {
            s.set("ENCRYPTION_MODE", mode);
        }
        return s;
    }

    /** Sets a directive; the value must not contain {@code ;} or a line break. */
    public FwknopdStanza set(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.indexOf(';') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(name + " value cannot be written to access.conf: contains ; or a newline");
        }
        directives.put(name, value);
        return this;
    }

    /** Drops the CMD_CYCLE commands (only allowed in {@code -t} test mode). */
    public FwknopdStanza withoutCmdCycle() {
        cmdCycle = false;
        return this;
    }

    public boolean hasCmdCycle() {
        return cmdCycle;
    }

    /** The stanza text, with the CMD_CYCLE commands pointing at {@code script} and {@code cycleLog}. */
    String render(String script, String cycleLog) {
        StringBuilder b = new StringBuilder();
        directives.forEach((k, v) -> b.append(k).append(' ').append(v).append(";\n"));
        if (cmdCycle) {
            String cmd = script + " " + cycleLog + " %s $SRC $PROTO $PORT $CLIENT_TIMEOUT";
            b.append("CMD_CYCLE_OPEN ").append(String.format(cmd, "OPEN")).append(";\n");
            b.append("CMD_CYCLE_CLOSE ").append(String.format(cmd, "CLOSE")).append(";\n");
            b.append("CMD_CYCLE_TIMER ").append(CYCLE_TIMER).append(";\n");
        }
        return b.append('\n').toString();
    }
}
