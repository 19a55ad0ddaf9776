package io.postern.spa.policy;

import io.postern.spa.AccessRequest;
import io.postern.spa.MessageType;
import io.postern.spa.Rejection;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.DecodeResult;
import io.postern.spa.codec.SpaDecoder;
import io.postern.spa.codec.SpaPrecheck;
import io.postern.spa.config.AccessStanza;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Decides one packet the way fwknopd 2.6.10's {@code incoming_spa()} does. Once per packet: the
 * prechecks (size, prefix, base64), some stanza's SOURCE must hold the packet source, and a digest
 * already in the store is a replay. Then the stanzas in file order: SOURCE/DESTINATION, ACCESS_EXPIRE,
 * HMAC and decryption with the stanza's keys; a failure there moves on to the next stanza. After the
 * first stanza that decodes, the replay digest is inserted atomically (kept even if a later check
 * refuses, never in test mode), then packet age, allow IP (an invalid one stops the loop), 0.0.0.0
 * with REQUIRE_SOURCE_ADDRESS, REQUIRE_USERNAME, NAT enabled, CMD_CYCLE (accepted without port
 * checks), command messages (ENABLE_CMD_EXEC) and the port lists; each of these failures also moves on
 * to the next stanza. When no stanza accepts, the rejection that got furthest (by
 * {@link Rejection.Stage}, the first on a tie) is reported.
 *
 * <p>Thread-safe if the {@link DigestStore} is; holds no state of its own.
 */
public final class SpaValidator {

    private final Clock clock;
    private final DigestStore digests;
    private final ValidatorSettings settings;

    public SpaValidator(Clock clock, DigestStore digests, ValidatorSettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.digests = Objects.requireNonNull(digests, "digests");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param packet      the datagram payload, one char per byte
     * @param source      IP-header source
     * @param destination IP-header destination (0.0.0.0 in UDP-server mode, as fwknopd)
     * @param stanzas     the access.conf stanzas, in file order
     */
    public Verdict validate(String packet, InetAddress source, InetAddress destination, List<AccessStanza> stanzas) {
        DecodeResult pre = SpaPrecheck.check(packet);
        if (pre != null) {
            return new Verdict.Rejected(pre.rejection(), pre.detail(), 0);
        }
        if (!SourceMatcher.anySourceMatches(stanzas, source)) {
            return new Verdict.Rejected(Rejection.NO_SOURCE_MATCH,
                    "no access stanza for source " + source.getHostAddress(), 0);
        }
        String digest = SpaDecoder.replayDigest(packet);
        if (settings.digestPersistence() && digests.contains(digest)) {
            return new Verdict.Rejected(Rejection.REPLAY, "replay: packet digest already seen", 0);
        }
        Instant now = clock.instant();
        Furthest furthest = new Furthest();
        boolean digestStored = false;
        for (int i = 0; i < stanzas.size(); i++) {
            int number = i + 1;
            AccessStanza stanza = stanzas.get(i);
            if (!SourceMatcher.matches(stanza, source, destination)) {
                furthest.offer(Rejection.NO_SOURCE_MATCH, "filtered by SOURCE and/or DESTINATION", number);
                continue;
            }
            if (stanza.isExpiredAt(now)) {
                furthest.offer(Rejection.STANZA_EXPIRED, "access stanza has expired", number);
                continue;
            }
            DecodeResult decoded = SpaDecoder.decodePrechecked(packet, stanza.spaKeys());
            if (!decoded.isAccepted()) {
                furthest.offer(decoded.rejection(), decoded.detail(), number);
                continue;
            }
            if (!digestStored && settings.digestPersistence() && !settings.testMode()) {
                if (!digests.putIfAbsent(digest, new ReplayRecord(now, source, destination, number))) {
                    return new Verdict.Rejected(Rejection.REPLAY, "replay: packet digest already seen", number);
                }
                digestStored = true;
            }
            Verdict v = checkPolicy(source, stanza, number, decoded, now, furthest);
            if (v != null) {
                return v;
            }
        }
        return furthest.verdict();
    }

    /** Steps 6-14 for a stanza that decoded the packet: a verdict that ends the loop, or null to go on. */
    private Verdict checkPolicy(InetAddress source, AccessStanza stanza, int number,
                                DecodeResult decoded, Instant now, Furthest furthest) {
        SpaMessage m = decoded.message();
        if (!settings.window().accepts(m.timestamp(), now)) {
            furthest.offer(Rejection.AGE, "SPA data time difference is too great ("
                    + TimestampWindow.skewSeconds(m.timestamp(), now) + " seconds)", number);
            return null;
        }
        AccessRequest request;
        try {
            request = m.accessRequest();
        } catch (IllegalArgumentException e) {
            return new Verdict.Rejected(Rejection.INVALID_ALLOW_IP, "invalid source IP in SPA message", number);
        }
        InetAddress allow = request.allowIp();
        if (request.allowIpIsWildcard()) {
            if (stanza.requireSourceAddress()) {
                furthest.offer(Rejection.SOURCE_ADDRESS_REQUIRED, "got 0.0.0.0 when valid source IP was required", number);
                return null;
            }
            allow = source;
        }
        if (stanza.requireUsername() != null && !stanza.requireUsername().equals(m.username())) {
            furthest.offer(Rejection.USERNAME, "username in SPA data does not match REQUIRE_USERNAME", number);
            return null;
        }
        String natRefusal = natRefusal(m.type());
        if (natRefusal != null) {
            furthest.offer(Rejection.NAT_NOT_ENABLED, natRefusal, number);
            return null;
        }
        if (m.type() == MessageType.COMMAND) {
            if (stanza.isCommandCycle()) {
                furthest.offer(Rejection.COMMAND_NOT_ALLOWED, "a command message cannot build a CMD_CYCLE command", number);
                return null;
            }
            if (!stanza.commandExec().enabled()) {
                furthest.offer(Rejection.COMMAND_NOT_ALLOWED, "SPA command messages are not allowed in this stanza", number);
                return null;
            }
        } else if (!stanza.isCommandCycle()) {
            String portRefusal = PortPolicy.check(stanza, request.ports());
            if (portRefusal != null) {
                furthest.offer(Rejection.PORTS_DENIED, portRefusal, number);
                return null;
            }
        }
        return new Verdict.Accepted(number, stanza, m, decoded, request, allow, GrantTimeout.seconds(stanza, m));
    }

    private String natRefusal(MessageType type) {
        if (type.hasNat() && type.isLocalNat() && !settings.localNat()) {
            return "local NAT access requested, but ENABLE_IPT_LOCAL_NAT is not set";
        }
        if (type.hasNat() && !type.isLocalNat() && !settings.natForwarding()) {
            return "NAT access requested, but ENABLE_IPT_FORWARDING is not set";
        }
        return null;
    }

    /** The rejection that got furthest along the data path; the first one wins a tie. */
    private static final class Furthest {
        private Rejection rejection;
        private String detail;
        private int stanza;

        void offer(Rejection r, String d, int number) {
            if (rejection == null || r.stage().ordinal() > rejection.stage().ordinal()) {
                rejection = r;
                detail = d;
                stanza = number;
            }
        }

        Verdict verdict() {
            return new Verdict.Rejected(rejection, detail, stanza);
        }
    }
}
