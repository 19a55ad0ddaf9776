package io.postern.spa.gpg;

/**
 * Who signed a GPG packet, named as fwknopd names it.
 *
 * @param id          last 8 hex digits of the signing (sub)key's fingerprint ({@code GPG_REMOTE_ID} form)
 * @param fingerprint the signing (sub)key's full fingerprint, upper-case hex, or its 16-digit key ID
 *                    when the key is unknown
 * @param validity    how valid the receiver's keyring says the key is
 * @param verified    whether the signature verified against a known key
 */
public record GpgSigner(String id, String fingerprint, GpgValidity validity, boolean verified) {

    @Override
    public String toString() {
        return "'" + id + "' (fingerprint '" + fingerprint + "')";
    }
}
