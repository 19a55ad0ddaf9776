package io.postern.orchestrator.cli;

import io.postern.spa.SpaMessage;
import io.postern.spa.codec.DecodeResult;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints a decoded packet the way {@code fwknop -T} does ("SPA Field Values", right-aligned names), so
 * users can compare Postern's output with fwknop's line by line. It prints fields and the packet,
 * never keys.
 */
final class FieldPrinter {

    private FieldPrinter() {
    }

    static void print(PrintWriter out, DecodeResult r, String packet) {
        SpaMessage m = r.message();
        out.println("SPA Field Values:");
        out.println("=================");
        line(out, "Random Value", m.randomValue());
        line(out, "Username", m.username());
        line(out, "Timestamp", Long.toString(m.timestamp()));
        line(out, "FKO Version", m.version());
        line(out, "Message Type", m.type().code() + " (" + m.type().displayName() + ")");
        line(out, "Message String", m.message());
        line(out, "Nat Access", orNull(m.natAccess()));
        line(out, "Server Auth", orNull(m.serverAuth()));
        line(out, "Client Timeout", Integer.toString(m.clientTimeout()));
        line(out, "Digest Type", r.digestType().code() + " (" + upper(r.digestType().configName()) + ")");
        HmacType h = r.hmacType();
        line(out, "HMAC Type", h == null ? "0 (None)" : h.code() + " (" + upper(h.configName()) + ")");
        line(out, "Encryption Type", "1 (Rijndael)");
        EncryptionMode mode = r.mode();
        line(out, "Encryption Mode", mode.code() + " (" + (mode == EncryptionMode.LEGACY ? "legacy" : upper(mode.configName())) + ")");
        if (packet != null) {
            line(out, "HMAC", h == null ? "<NULL>" : packet.substring(packet.length() - h.base64Length()));
            line(out, "Final SPA Data", packet);
        }
        out.flush();
    }

    private static void line(PrintWriter out, String name, String value) {
        out.printf("%15s: %s%n", name, value);
    }

    private static String orNull(String s) {
        return s == null ? "<NULL>" : s;
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
