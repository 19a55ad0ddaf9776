package io.postern.it.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one fwknopd run printed, cut into one {@link PacketVerdict} per packet that reached the
 * stanza loop (fwknopd logs {@code SPA Packet: '<data>'} for each at {@code -v -v}), plus the lines of
 * the CMD_CYCLE log file, which prove that an open command really ran.
 */
public final class FwknopdLog {

    private static final Pattern PACKET = Pattern.compile("SPA Packet: '([^']*)'");
    private static final Pattern DECODE_OK = Pattern.compile("\\(stanza #(\\d+)\\) SPA Decode \\(res=0\\)");
    private static final Pattern FIELD = Pattern.compile("^\\s*([A-Za-z][A-Za-z ]*[A-Za-z]): (.*)$");
    private static final Pattern OPEN = Pattern.compile(
            "Running CMD_CYCLE_OPEN command: .* OPEN (\\S+) (\\d+) (\\d+) (\\d+)$");
    private static final String REPLAY = "Replay detected from source IP";
    private static final String TEST_MODE = "--test mode enabled, ";

    private final String text;
    private final int exitCode;
    private final List<String> cycleLines;
    private final List<PacketVerdict> packets;
    private final List<String> argv;

    private FwknopdLog(String text, int exitCode, List<String> cycleLines, List<PacketVerdict> packets, List<String> argv) {
        this.text = text;
        this.exitCode = exitCode;
        this.cycleLines = List.copyOf(cycleLines);
        this.packets = List.copyOf(packets);
        this.argv = List.copyOf(argv);
    }

    /** Parses fwknopd's merged output; {@code cycleLines} are the lines its CMD_CYCLE commands wrote. */
    public static FwknopdLog parse(String text, int exitCode, List<String> cycleLines, List<String> argv) {
        List<PacketVerdict> out = new ArrayList<>();
        List<String> unclaimed = new ArrayList<>(cycleLines);
        Segment cur = null;
        for (String line : text.split("\n", -1)) {
            Matcher m = PACKET.matcher(line);
            if (line.contains(REPLAY)) {
                // a replay is dropped before the stanza loop and never logs its packet line
                if (cur != null) {
                    out.add(cur.finish(unclaimed));
                }
                cur = null;
            } else if (m.find()) {
                if (cur != null) {
                    out.add(cur.finish(unclaimed));
                }
                cur = new Segment(m.group(1));
            } else if (cur != null) {
                cur.add(line);
            }
        }
        if (cur != null) {
            out.add(cur.finish(unclaimed));
        }
        return new FwknopdLog(text, exitCode, cycleLines, out, argv);
    }

    /** Every packet that reached the stanza loop, in order. */
    public List<PacketVerdict> packets() {
        return packets;
    }

    /** The verdicts for this exact packet string (more than one if it was sent again). */
    public List<PacketVerdict> verdicts(String wire) {
        return packets.stream().filter(p -> p.wire().equals(wire)).toList();
    }

    /** The single verdict for {@code wire}; fails if fwknopd logged it zero or several times. */
    public PacketVerdict verdict(String wire) {
        List<PacketVerdict> v = verdicts(wire);
        if (v.size() != 1) {
            throw new AssertionError("fwknopd logged packet " + v.size() + " times: " + wire + "\n" + this);
        }
        return v.get(0);
    }

    /** How many "Replay detected" lines fwknopd printed. */
    public long replays() {
        return text.lines().filter(l -> l.contains(REPLAY)).count();
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> cycleLines() {
        return cycleLines;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return String.join(" ", argv) + " -> exit " + exitCode + "\n--- cmd-cycle.log\n" + String.join("\n", cycleLines)
                + "\n--- fwknopd output\n" + text;
    }

    /** Lines of one packet while parsing. */
    private static final class Segment {
        private final String wire;
        private final List<String> lines = new ArrayList<>();

        Segment(String wire) {
            this.wire = wire;
        }

        void add(String line) {
            lines.add(line);
        }

        PacketVerdict finish(List<String> unclaimedCycleLines) {
            Integer stanza = null;
            Map<String, String> fields = new LinkedHashMap<>();
            CycleOpen open = null;
            String testAction = null;
            boolean inFields = false;
            for (String l : lines) {
                Matcher d = DECODE_OK.matcher(l);
                if (d.find()) {
                    stanza = Integer.valueOf(d.group(1));
                    continue;
                }
                if (l.startsWith("SPA Field Values:")) {
                    inFields = true;
                    continue;
                }
                if (inFields) {
                    Matcher f = FIELD.matcher(l);
                    if (f.matches()) {
                        fields.put(f.group(1), f.group(2));
                    } else if (l.isBlank()) {
                        inFields = false;
                    }
                    continue;
                }
                Matcher o = OPEN.matcher(l);
                if (o.find()) {
                    open = new CycleOpen(o.group(1), Integer.parseInt(o.group(2)), Integer.parseInt(o.group(3)),
                            Integer.parseInt(o.group(4)));
                }
                int t = l.indexOf(TEST_MODE);
                if (t >= 0) {
                    testAction = l.substring(t + TEST_MODE.length()).trim();
                }
            }
            boolean ran = open != null && unclaimedCycleLines.remove(open.line());
            return new PacketVerdict(wire, stanza, fields, open, ran, testAction, lines);
        }
    }
}
