package io.postern.device.template;

import io.postern.device.SafeText;
import io.postern.spa.AccessRequest;
import io.postern.spa.NatTarget;
import io.postern.spa.ProtoPort;
import io.postern.spa.Protocol;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The typed values of one grant on one device: the only values a template or a CMD_CYCLE command may use.
 * Addresses are {@link InetAddress}, numbers are numbers, the protocol is an enum; the few strings (stanza
 * label, NAT host, device variables) are validated here so that none contains a control character, a line
 * break or an invisible character. Immutable and thread-safe.
 *
 * @param source         the address access is granted to (fwknop's {@code $SRC}/{@code $IP}: the allow IP of
 *                       the message, or the packet source when the message said 0.0.0.0)
 * @param packetSource   the IP-header source of the SPA packet ({@code $PKT_SRC})
 * @param destination    the IP-header destination of the SPA packet ({@code $DST})
 * @param protocol       tcp or udp
 * @param port           1..65535
 * @param timeoutSeconds how long the grant stays open, positive
 * @param expiresAt      absolute expiry, epoch seconds ({@code $TIMEOUT} for CMD_CYCLE: SPA timestamp + timer)
 * @param clientTimeout  the client's timeout, or the stanza's timer when the client sent none
 *                       ({@code $CLIENT_TIMEOUT})
 * @param natHost        NAT destination host or address, or {@code null}
 * @param natPort        NAT port 1..65535, or 0 when there is no NAT target
 * @param stanza         the stanza label, e.g. {@code 1} or a name
 * @param ruleId         per-device rule id allocated by the ledger (e.g. an ACL sequence number), 0 if none
 * @param vars           device variables from the inventory; names are identifiers
 */
public record GrantValues(InetAddress source, InetAddress packetSource, InetAddress destination, Protocol protocol,
                          int port, long timeoutSeconds, long expiresAt, long clientTimeout, String natHost,
                          int natPort, String stanza, long ruleId, Map<String, String> vars) {

    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.:-]{0,252})");
    private static final int MAX_VALUE = 1024;

    public GrantValues {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(packetSource, "packetSource");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(protocol, "protocol");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1..65535: " + port);
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeout must be positive: " + timeoutSeconds);
        }
        if (clientTimeout < 0 || expiresAt < 0 || ruleId < 0) {
            throw new IllegalArgumentException("negative clientTimeout, expiresAt or ruleId");
        }
        if (natHost != null) {
            if (!HOST.matcher(natHost).matches()) {
                throw new IllegalArgumentException("NAT host: '" + natHost + "' (expected: a host name or address)");
            }
            if (natPort < 1 || natPort > 65535) {
                throw new IllegalArgumentException("NAT port out of range 1..65535: " + natPort);
            }
        } else if (natPort != 0) {
            throw new IllegalArgumentException("NAT port without a NAT host");
        }
        checkValue("stanza", stanza);
        vars = checkVars(vars);
    }

    /** The address family of {@link #source()}: {@code ipv4} or {@code ipv6}. */
    public String family() {
        return Addresses.family(source);
    }

    /** Whether the grant has a NAT target. */
    public boolean hasNat() {
        return natHost != null;
    }

    /** The same grant for another proto/port of the request. */
    public GrantValues withProtoPort(ProtoPort pp) {
        return new GrantValues(source, packetSource, destination, pp.protocol(), pp.port(), timeoutSeconds, expiresAt,
                clientTimeout, natHost, natPort, stanza, ruleId, vars);
    }

    /** The same grant with another rule id. */
    public GrantValues withRuleId(long id) {
        return new GrantValues(source, packetSource, destination, protocol, port, timeoutSeconds, expiresAt,
                clientTimeout, natHost, natPort, stanza, id, vars);
    }

    /** The same grant with another device's variables. */
    public GrantValues withVars(Map<String, String> deviceVars) {
        return new GrantValues(source, packetSource, destination, protocol, port, timeoutSeconds, expiresAt,
                clientTimeout, natHost, natPort, stanza, ruleId, deviceVars);
    }

    public static Builder builder() {
        return new Builder();
    }

    static void checkValue(String what, String value) {
        SafeText.require(what, value);
        if (value.length() > MAX_VALUE) {
            throw new IllegalArgumentException(what + ": longer than " + MAX_VALUE + " characters");
        }
    }

    /** Validates device variables: identifier names, safe non-empty values. */
    public static Map<String, String> checkVars(Map<String, String> vars) {
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : vars.entrySet()) {
            if (e.getKey() == null || !VAR_NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("device variable name: '" + e.getKey()
                        + "' (expected: letters, digits and _, not starting with a digit)");
            }
            checkValue("device variable " + e.getKey(), e.getValue());
            copy.put(e.getKey(), e.getValue());
        }
        return Map.copyOf(copy);
    }

    /** Builds {@link GrantValues}; {@link #request} fills source, first proto/port and NAT from a message. */
    public static final class Builder {
        private InetAddress source;
        private InetAddress packetSource;
        private InetAddress destination;
        private Protocol protocol;
        private int port;
        private long timeoutSeconds;
        private long expiresAt;
        private long clientTimeout;
        private String natHost;
        private int natPort;
        private String stanza;
        private long ruleId;
        private Map<String, String> vars = Map.of();

        private Builder() {
        }

        /**
         * Takes the allow IP (or {@code packetSource} when the message says 0.0.0.0), the <b>first</b>
         * proto/port, as fwknop does, and the NAT target. Call {@link #packetSource} first.
         */
        public Builder request(AccessRequest r) {
            Objects.requireNonNull(packetSource, "set packetSource before request");
            this.source = r.allowIpIsWildcard() ? packetSource : r.allowIp();
            if (!r.ports().isEmpty()) {
                protoPort(r.ports().get(0));
            }
            NatTarget nat = r.nat();
            if (nat != null) {
                nat(nat.host(), nat.port());
            }
            return this;
        }

        /**
         * Sets fwknop's CMD_CYCLE timing: the timer is the client's timeout when it sent one, else
         * {@code cycleTimer}; {@code $TIMEOUT} = SPA timestamp + timer, {@code $CLIENT_TIMEOUT} = timer.
         */
        public Builder cmdCycleTiming(long spaTimestamp, long clientTimeoutSent, long cycleTimer) {
            long timer = clientTimeoutSent > 0 ? clientTimeoutSent : cycleTimer;
            return timeoutSeconds(timer).expiresAt(spaTimestamp + timer).clientTimeout(timer);
        }

        public Builder source(InetAddress v) {
            source = v;
            return this;
        }

        public Builder packetSource(InetAddress v) {
            packetSource = v;
            return this;
        }

        public Builder destination(InetAddress v) {
            destination = v;
            return this;
        }

        public Builder protoPort(ProtoPort pp) {
            protocol = pp.protocol();
            port = pp.port();
            return this;
        }

        public Builder timeoutSeconds(long v) {
            timeoutSeconds = v;
            return this;
        }

        public Builder expiresAt(long epochSeconds) {
            expiresAt = epochSeconds;
            return this;
        }

        public Builder clientTimeout(long v) {
            clientTimeout = v;
            return this;
        }

        public Builder nat(String host, int natPortValue) {
            natHost = host;
            natPort = natPortValue;
            return this;
        }

        public Builder stanza(String v) {
            stanza = v;
            return this;
        }

        public Builder ruleId(long v) {
            ruleId = v;
            return this;
        }

        public Builder vars(Map<String, String> v) {
            vars = v;
            return this;
        }

        /** @throws IllegalArgumentException or NullPointerException naming the bad or missing value */
        public GrantValues build() {
            return new GrantValues(source, packetSource, destination, protocol, port, timeoutSeconds, expiresAt,
                    clientTimeout, natHost, natPort, stanza, ruleId, vars);
        }
    }
}
