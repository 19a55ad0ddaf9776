package io.postern.spa.gpg;

/**
 * The GPG side of one stanza or one client invocation: a {@link GpgReceiver} (server: decrypt and
 * judge signatures) and/or a {@link GpgSender} (client: recipient and signer). Carried by the codec's
 * {@code SpaKeys}.
 *
 * @param receiver the receiving keys, or null on a client
 * @param sender   the sending keys, or null on a server
 */
public record GpgKeys(GpgReceiver receiver, GpgSender sender) {

    public GpgKeys {
        if (receiver == null && sender == null) {
            throw new IllegalArgumentException("GPG keys need a receiver or a sender");
        }
    }

    public static GpgKeys receiving(GpgReceiver r) {
        return new GpgKeys(r, null);
    }

    public static GpgKeys sending(GpgSender s) {
        return new GpgKeys(null, s);
    }
}
