package io.postern.device.ssh;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;

import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one server key verifier of a connector's SSH client. Each connection carries its device name and
 * {@link HostKeyPolicy} in its connection context; the check records what it saw in a holder in that context so
 * that the connector can report it instead of MINA's generic key-exchange failure. A session without a policy is refused.
 */
final class HostKeyCheck implements ServerKeyVerifier {

    static final AttributeKey<HostKeyPolicy> POLICY = new AttributeKey<>();
    static final AttributeKey<String> DEVICE = new AttributeKey<>();
    /** Filled by the check: the presented fingerprint, and why the key was refused (if it was). */
    static final AttributeKey<Outcome> OUTCOME = new AttributeKey<>();

    /** What the check saw on one connection; survives the session (whose attributes are cleared on close). */
    static final class Outcome {
        volatile String presented;
        volatile String refusal;
    }

    private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        AttributeRepository context = session.getConnectionContext();
        HostKeyPolicy policy = context == null ? null : context.getAttribute(POLICY);
        String device = context == null ? "?" : context.getAttribute(DEVICE);
        Outcome outcome = context == null ? null : context.getAttribute(OUTCOME);
        String presented = HostKeyPolicy.fingerprint(key);
        String where = remote instanceof InetSocketAddress a ? a.getHostString() + ":" + a.getPort() : String.valueOf(remote);
        if (policy == null || outcome == null) {
            LOG.warn("device={} host key of {} refused: no host key policy", device, where);
            return false;
        }
        outcome.presented = presented;
        boolean ok;
        try {
            ok = policy.accepts(session, remote, key);
        } catch (RuntimeException e) {
            LOG.warn("device={} host key check ({}) failed: {}", device, policy, e.toString());
            ok = false;
        }
        if (!ok) {
            outcome.refusal = ("host key of " + where + " refused: presented " + presented
                    + " (" + keyType(key) + "), not accepted by " + policy);
            LOG.warn("device={} host key of {} refused: presented {}, policy {}", device, where, presented, policy);
        } else if (policy.isInsecure()) {
            LOG.warn("device={} host key of {} NOT verified (insecure-accept-any): presented {}", device, where,
                    presented);
        }
        return ok;
    }

    private static String keyType(PublicKey key) {
        String t = KeyUtils.getKeyType(key);
        return t == null ? key.getAlgorithm() : t;
    }
}
