package io.postern.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.it.support.CycleOpen;
import io.postern.it.support.FwknopdLog;
import io.postern.it.support.FwknopdStanza;
import io.postern.it.support.PacketVerdict;
import io.postern.it.support.PcapWriter;
import io.postern.it.support.SpaRequest;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Packets for one fwknopd pcap run, each with the request it carries and (for positives) the fields
 * fwknopd must print and the CMD_CYCLE_OPEN it must run. Sources are distinct addresses in
 * 198.18.254.0/24 so {@code -s} packets map to a known {@code $SRC}.
 */
final class FwknopdBatch {

    /**
     * A packet of the batch; {@code request} null for a negative that must not open anything, and
     * {@code replay} for a copy of an earlier packet (fwknopd drops it before logging it).
     */
    record Entry(String wire, SpaRequest request, String source, int digestCode, int hmacCode, int modeCode,
                 boolean replay) {
    }

    private static final String DST = "198.18.255.1";

    private final List<Entry> entries = new ArrayList<>();

    /** Adds a packet fwknopd must accept; codes are fwknop's enum values (hmac 0 = none). */
    FwknopdBatch accept(String wire, SpaRequest req, int digestCode, int hmacCode, int modeCode) {
        entries.add(new Entry(wire, req, nextSource(), digestCode, hmacCode, modeCode, false));
        return this;
    }

    /** Adds a packet fwknopd must refuse. */
    FwknopdBatch reject(String wire) {
        entries.add(new Entry(wire, null, nextSource(), 0, 0, 0, false));
        return this;
    }

    /** Adds a second copy of a packet already in the batch; it must open nothing. */
    FwknopdBatch replay(String wire) {
        entries.add(new Entry(wire, null, nextSource(), 0, 0, 0, true));
        return this;
    }

    List<Entry> entries() {
        return entries;
    }

    List<PcapWriter.Datagram> datagrams() {
        List<PcapWriter.Datagram> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            out.add(new PcapWriter.Datagram(ipv4(e.source()), 40000 + i, ipv4(DST), PcapWriter.SPA_PORT,
                    e.wire().getBytes(StandardCharsets.ISO_8859_1)));
        }
        return out;
    }

    /** Asserts fwknopd's verdict for every packet and that only the expected opens ran. */
    void assertVerdicts(FwknopdLog log) {
        assertThat(log.exitCode()).as("fwknopd exit\n%s", log).isZero();
        List<String> expectedOpens = new ArrayList<>();
        for (Entry e : entries) {
            if (e.replay()) {
                continue;
            }
            if (e.request() == null) {
                List<PacketVerdict> v = log.verdicts(e.wire());
                assertThat(v).as("negative packet accepted\n%s", log).noneMatch(PacketVerdict::accepted);
                continue;
            }
            PacketVerdict v = log.verdict(e.wire());
            CycleOpen open = e.request().expectedOpen(e.source(), FwknopdStanza.CYCLE_TIMER);
            assertThat(v.accepted()).as("%s\n%s\n%s", e.request(), v, log).isTrue();
            assertThat(v.open()).as("%s", e.request()).isEqualTo(open);
            assertThat(v.fields().get("Message String")).isEqualTo(e.request().message());
            assertThat(v.fields().get("Message Type")).startsWith(e.request().type().code() + " (");
            assertThat(v.fields().get("Nat Access")).isEqualTo(nullText(e.request().natAccess()));
            assertThat(v.fields().get("Client Timeout")).isEqualTo(String.valueOf(e.request().timeout()));
            assertThat(v.fields().get("Digest Type")).startsWith(e.digestCode() + " (");
            assertThat(v.fields().get("Encryption Mode")).startsWith(e.modeCode() + " (");
            if (e.hmacCode() != 0) {
                assertThat(v.fields().get("HMAC Type")).startsWith(e.hmacCode() + " (");
            }
            expectedOpens.add(open.line());
        }
        assertThat(log.cycleLines()).as("CMD_CYCLE log\n%s", log).containsExactlyInAnyOrderElementsOf(expectedOpens);
    }

    private static String nullText(String s) {
        return s == null ? "<NULL>" : s;
    }

    private String nextSource() {
        return "198.18.254." + (entries.size() % 250 + 1);
    }

    private static Inet4Address ipv4(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }
}
