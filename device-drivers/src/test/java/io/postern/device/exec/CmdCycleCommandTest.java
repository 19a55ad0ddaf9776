package io.postern.device.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postern.device.CommandSequence;
import io.postern.device.template.GrantValues;
import io.postern.device.template.RenderException;
import io.postern.spa.AccessRequest;
import io.postern.spa.ProtoPort;
import io.postern.spa.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CmdCycleCommandTest {

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** SPA timestamp 1700000000, allow IP 192.0.2.7 from packet 198.51.100.9 to 203.0.113.1. */
    private static GrantValues values(String protoPort, long clientTimeout, long cycleTimer) {
        String[] pp = protoPort.split("/");
        AccessRequest request = new AccessRequest(ip("192.0.2.7"),
                List.of(new ProtoPort(Protocol.fromNameIgnoreCase(pp[0]), Integer.parseInt(pp[1]))), null, null);
        return GrantValues.builder().packetSource(ip("198.51.100.9")).request(request).destination(ip("203.0.113.1"))
                .cmdCycleTiming(1_700_000_000L, clientTimeout, cycleTimer).stanza("1").vars(Map.of()).build();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # command                                                      | proto/port | client | timer | expected
            ipset add spa_allow $SRC,$PROTO:$PORT timeout $CLIENT_TIMEOUT | tcp/22     | 0      | 45    | ipset add spa_allow 192.0.2.7,6:22 timeout 45
            $IP $SRC $PKT_SRC $DST                                         | tcp/22     | 0      | 45    | 192.0.2.7 192.0.2.7 198.51.100.9 203.0.113.1
            X=$FOO                                                         | tcp/22     | 0      | 45    | X=FOO
            $PROTO                                                         | udp/53     | 0      | 45    | 17
            $PROTO $PORT                                                   | tcp/8443   | 0      | 45    | 6 8443
            $TIMEOUT                                                       | tcp/22     | 0      | 45    | 1700000045
            $TIMEOUT                                                       | tcp/22     | 1000   | 45    | 1700001000
            $CLIENT_TIMEOUT                                                | tcp/22     | 1000   | 45    | 1000
            $IPADDR                                                        | tcp/22     | 0      | 45    | 192.0.2.7ADDR
            $PORTS                                                         | tcp/22     | 0      | 45    | 22S
            $PROTOCOL                                                      | tcp/22     | 0      | 45    | 6COL
            $SRC_IP                                                        | tcp/22     | 0      | 45    | 192.0.2.7_IP
            $$SRC                                                          | tcp/22     | 0      | 45    | 192.0.2.7
            cost $                                                         | tcp/22     | 0      | 45    | cost
            $PROTO_NAME/$PORT                                              | udp/53     | 0      | 45    | udp/53
            $ip                                                            | tcp/22     | 0      | 45    | ip
            """)
    void substitutesAsFwknop2610(String command, String protoPort, long client, long timer, String expected)
            throws RenderException {
        CmdCycleCommand c = new CmdCycleCommand("CMD_CYCLE_OPEN", command);
        assertThat(c.substitute(values(protoPort, client, timer)).strip()).isEqualTo(expected);
    }

    @Test
    void firstPortOfTheRequestOnlyLikeFwknop() throws RenderException {
        AccessRequest request = new AccessRequest(ip("192.0.2.7"),
                List.of(new ProtoPort(Protocol.TCP, 22), new ProtoPort(Protocol.UDP, 53)), null, null);
        GrantValues v = GrantValues.builder().packetSource(ip("198.51.100.9")).request(request)
                .destination(ip("203.0.113.1")).cmdCycleTiming(1_700_000_000L, 0, 30).stanza("1").build();
        CmdCycleCommand c = new CmdCycleCommand("CMD_CYCLE_OPEN", "open $PROTO $PORT");
        assertThat(c.argv(v)).containsExactly("open", "6", "22");
        assertThat(c.argvPerPort(v, request.ports()))
                .containsExactly(List.of("open", "6", "22"), List.of("open", "17", "53"));
        CommandSequence s = c.sequence(v, request.ports(), Duration.ofSeconds(3));
        assertThat(s.steps()).hasSize(2);
        assertThat(s.steps().get(1).timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void wildcardAllowIpUsesThePacketSource() throws RenderException {
        AccessRequest request = new AccessRequest(ip("0.0.0.0"), List.of(new ProtoPort(Protocol.TCP, 22)), null, null);
        GrantValues v = GrantValues.builder().packetSource(ip("198.51.100.9")).request(request)
                .destination(ip("203.0.113.1")).cmdCycleTiming(1_700_000_000L, 0, 30).stanza("1").build();
        assertThat(new CmdCycleCommand("CMD_CYCLE_OPEN", "$SRC $PKT_SRC").argv(v))
                .containsExactly("198.51.100.9", "198.51.100.9");
    }

    @Test
    void natVariablesArePosternAdditions() throws RenderException {
        // fwknop 2.6.10 renders "NAT=$NAT_DST" as "NAT=NAT_DST" (verified); Postern substitutes the NAT target.
        CmdCycleCommand c = new CmdCycleCommand("CMD_CYCLE_OPEN", "NAT=$NAT_DST:$NAT_PORT");
        GrantValues nat = GrantValues.builder().source(ip("192.0.2.7")).packetSource(ip("192.0.2.7"))
                .destination(ip("203.0.113.1")).protoPort(new ProtoPort(Protocol.TCP, 22))
                .cmdCycleTiming(1_700_000_000L, 0, 30).nat("10.0.0.5", 2222).stanza("1").build();
        assertThat(c.substitute(nat)).isEqualTo("NAT=10.0.0.5:2222");
        assertThatThrownBy(() -> c.substitute(values("tcp/22", 0, 30)))
                .isInstanceOf(RenderException.class).hasMessage("CMD_CYCLE_OPEN: $NAT_DST needs a NAT request");
    }

    @Test
    void splitsOnCWhitespaceWithoutQuoting() throws RenderException {
        CmdCycleCommand c = new CmdCycleCommand("CMD_CYCLE_OPEN", "  a\tb  'c d' \"e\"\u000bf ");
        assertThat(c.argv(values("tcp/22", 0, 30))).containsExactly("a", "b", "'c", "d'", "\"e\"", "f");
    }

    @Test
    void noneMeansNoCloseByItsFirstFourCharacters() throws RenderException {
        assertThat(new CmdCycleCommand("CMD_CYCLE_CLOSE", "NONE").isNone()).isTrue();
        assertThat(new CmdCycleCommand("CMD_CYCLE_CLOSE", "NONEatall").isNone()).isTrue();
        assertThat(new CmdCycleCommand("CMD_CYCLE_CLOSE", "none").isNone()).isFalse();
        assertThat(new CmdCycleCommand("CMD_CYCLE_CLOSE", "NONE").sequence(values("tcp/22", 0, 30),
                List.of(new ProtoPort(Protocol.TCP, 22)), Duration.ofSeconds(1)).isEmpty()).isTrue();
    }

    @Test
    void builtCommandMustStayUnder256Bytes() {
        String longCmd = "x".repeat(240) + " $SRC $DST";
        assertThatThrownBy(() -> new CmdCycleCommand("CMD_CYCLE_OPEN", longCmd).substitute(values("tcp/22", 0, 30)))
                .hasMessageContaining("CMD_CYCLE_OPEN: built command is");
    }

    @Test
    void emptyCommandIsAnError() {
        assertThatThrownBy(() -> new CmdCycleCommand("CMD_CYCLE_OPEN", "  $ ").argv(values("tcp/22", 0, 30)))
                .hasMessage("CMD_CYCLE_OPEN: empty command");
    }
}
