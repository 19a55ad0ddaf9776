package io.postern.device.ssh;

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
 * {@link HostKeyPolicy} in its connection context; a refusal is recorded on the session so that the connector
 * can report it instead of MINA's generic key-exchange failure. A session without a policy is refused.
 */
final class HostKeyCheck implements ServerKeyVerifier {

    static final AttributeKey<HostKeyPolicy> POLICY = new AttributeKey<>();
    static final AttributeKey<String> DEVICE = new AttributeKey<>();
    static final AttributeKey<String> REFUSAL = new AttributeKey<>();
    static final AttributeKey<String> PRESENTED = new AttributeKey<>();

    private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        AttributeRepository context = session.getConnectionContext();
        HostKeyPolicy policy = context == null ? null : context.getAttribute(POLICY);
        String device = context == null ? "?" : context.getAttribute(DEVICE);
        String presented = HostKeyPolicy.fingerprint(key);
        session.setAttribute(PRESENTED, presented);
        if (policy == null) {
            session.setAttribute(REFUSAL, "no host key policy for " + remote);
            return false;
        }
        boolean ok;
        try {
            ok = policy.accepts(session, remote, key);
        } catch (RuntimeException e) {
            LOG.warn("device={} host key check ({}) failed: {}", device, policy, e.toString());
            ok = false;
        }
        if (!ok) {
            session.setAttribute(REFUSAL, "host key of " + remote + " refused: presented " + presented
                    + " (" + keyType(key) + "), not accepted by " + policy);
            LOG.warn("device={} host key of {} refused: presented {}, policy {}", device, remote, presented, policy);
        } else if (policy.isInsecure()) {
            LOG.warn("device={} host key of {} NOT verified (insecure-accept-any): presented {}", device, remote,
                    presented);
        }
        return ok;
    }

    private static String keyType(PublicKey key) {
        String t = KeyUtils.getKeyType(key);
        return t == null ? key.getAlgorithm() : t;
    }
}
