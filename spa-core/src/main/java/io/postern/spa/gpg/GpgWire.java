package io.postern.spa.gpg;

import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import io.postern.spa.crypto.SpaBase64;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * fwknop's GPG wire framing. The client base64-encodes the binary OpenPGP message, strips {@code =},
 * MACs that text and drops its first two characters on the wire; fwknopd puts back {@code hQ} (an
 * old-format public-key session key packet with a two-byte length, what RSA recipients produce). An
 * ECC (cv25519) recipient's message starts {@code hF} instead (upstream issue #247), which fwknopd
 * restores wrongly. Postern tries both: with an HMAC the prefix is the one the HMAC verifies over,
 * without one the one under which the message parses.
 */
public final class GpgWire {

    /** What RSA recipients' messages start with, and what fwknopd re-adds. */
    public static final String RSA_PREFIX = "hQ";
    /** What cv25519 recipients' messages start with. */
    public static final String ECC_PREFIX = "hF";
    /** The prefixes Postern restores, in the order tried. */
    public static final List<String> PREFIXES = List.of(RSA_PREFIX, ECC_PREFIX);

    private GpgWire() {
    }

    /**
     * The prefix under which {@code mac} is the HMAC of prefix + {@code data} (constant-time compare),
     * or null when none is.
     */
    public static String prefixWithValidHmac(String data, String mac, HmacType type, KeyMaterial key) {
        byte[] got = mac.getBytes(StandardCharsets.US_ASCII);
        String found = null;
        for (String p : PREFIXES) {
            byte[] covered = (p + data).getBytes(StandardCharsets.US_ASCII);
            byte[] expected = SpaBase64.encodeNoPad(type.mac(key.bytes(), covered)).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, got) && found == null) {
                found = p;
            }
        }
        return found;
    }

    /** The wire form of a full base64 message: its first two characters dropped. */
    public static String toWire(String fullBase64) {
        return fullBase64.substring(2);
    }
}
