package io.postern.it.support;

import java.util.List;
import java.util.Map;

/**
 * fwknopd's decision on one packet, read from its log.
 *
 * @param wire           the packet string fwknopd logged
 * @param stanza         the stanza number of {@code SPA Decode (res=0)}, or null if it never decoded
 * @param fields         the decoded fields it printed ({@code Message String}, {@code Username}, ...)
 * @param open           the CMD_CYCLE_OPEN substitution it logged, or null
 * @param openRan        whether that open command really wrote its line
 * @param testModeAction the {@code --test mode enabled, ...} action, or null
 * @param lines          the raw log lines after the packet line
 */
public record PacketVerdict(String wire, Integer stanza, Map<String, String> fields, CycleOpen open,
                            boolean openRan, String testModeAction, List<String> lines) {

    private static final List<String> REJECTIONS = List.of("Error creating fko context", "time difference is too great",
            "not allowed", "was denied", "requested NAT access, but", "Invalid source IP", "Got 0.0.0.0",
            "does not match required username", "No stanza encryption mode match", "Could not build CMD_CYCLE_OPEN");

    /** Decoded ({@code res=0}) and then either ran its CMD_CYCLE_OPEN or reached the test-mode action. */
    public boolean accepted() {
        return stanza != null && rejection() == null && (openRan || open == null && testModeAction != null);
    }

    /** The first line saying why the packet was refused, or null. */
    public String rejection() {
        for (String l : lines) {
            for (String r : REJECTIONS) {
                if (l.contains(r)) {
                    return l.trim();
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return (accepted() ? "accepted" : "rejected") + " stanza=" + stanza + " open=" + open + " ran=" + openRan
                + " test=" + testModeAction + " fields=" + fields + "\n  " + String.join("\n  ", lines);
    }
}
