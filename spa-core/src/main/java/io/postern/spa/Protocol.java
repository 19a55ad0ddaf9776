package io.postern.spa;

import java.util.Locale;

/** The transport protocols an access request can name; fwknop accepts only these two. */
public enum Protocol {
    TCP(6),
    UDP(17);

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    /** IANA protocol number, what fwknop substitutes for {@code $PROTO}. */
    public int number() {
        return number;
    }

    /** Lower-case name as written in access messages and configs. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive lookup as fwknopd's config parser does it; {@code null} if unknown. */
    public static Protocol fromNameIgnoreCase(String s) {
        for (Protocol p : values()) {
            if (p.name().equalsIgnoreCase(s)) {
                return p;
            }
        }
        return null;
    }
}
