package io.postern.orchestrator.check;

import io.postern.device.template.GrantValues;
import io.postern.orchestrator.inventory.Device;
import io.postern.orchestrator.pipeline.GrantPlanner;
import io.postern.spa.ProtoPort;
import io.postern.spa.Protocol;
import io.postern.spa.config.AccessStanza;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The grant {@code postern check} renders every template with: source {@value #SOURCE} (a benchmarking address,
 * RFC 2544), the stanza's first OPEN_PORTS entry (else tcp/22), its FW_ACCESS_TIMEOUT and rule id {@value #RULE_ID}.
 */
public final class SampleValues {

    /** The sample client address. */
    public static final String SOURCE = "198.18.0.2";
    /** The sample receiver address. */
    public static final String DESTINATION = "198.18.0.1";
    /** The sample rule id (the ledger's first). */
    public static final long RULE_ID = 1000;
    /** The fixed "now" of sample grants (2030-01-01T00:00:00Z), so renders do not depend on the clock. */
    static final long NOW = 1_893_456_000L;

    private SampleValues() {
    }

    /** The sample proto/port of a stanza. */
    public static ProtoPort protoPort(AccessStanza stanza) {
        return stanza.openPorts().isEmpty() ? new ProtoPort(Protocol.TCP, 22) : stanza.openPorts().get(0);
    }

    /** The sample grant of {@code stanza} on {@code device}. */
    public static GrantValues grant(AccessStanza stanza, Device device) {
        return GrantValues.builder()
                .packetSource(address(SOURCE))
                .source(address(SOURCE))
                .destination(address(DESTINATION))
                .protoPort(protoPort(stanza))
                .stanza(GrantPlanner.stanzaLabel(stanza))
                .timeoutSeconds(stanza.fwAccessTimeout())
                .expiresAt(NOW + stanza.fwAccessTimeout())
                .clientTimeout(0)
                .ruleId(RULE_ID)
                .vars(device.vars())
                .build();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
