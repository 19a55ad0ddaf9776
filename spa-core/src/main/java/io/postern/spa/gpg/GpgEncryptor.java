package io.postern.spa.gpg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * Builds the binary OpenPGP message {@code fwknop -g} sends: sign-then-encrypt (one-pass signature,
 * literal data, signature) or encrypt only, AES-256 with an integrity packet, not armored, with
 * definite packet lengths so the first packet is an old-format session key packet as gpg writes it.
 */
public final class GpgEncryptor {

    private GpgEncryptor() {
    }

    /** The binary message for {@code plaintext}. */
    public static byte[] encrypt(byte[] plaintext, GpgSender sender, SecureRandom random, Date now) throws GpgKeyException {
        try {
            ByteArrayOutputStream inner = new ByteArrayOutputStream();
            PGPSignatureGenerator sig = null;
            if (sender.signs()) {
                sig = new PGPSignatureGenerator(new BcPGPContentSignerBuilder(sender.signingKey().getAlgorithm(),
                        HashAlgorithmTags.SHA256).setSecureRandom(random));
                sig.init(PGPSignature.BINARY_DOCUMENT, sender.signingPrivate());
                PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
                hashed.setSignatureCreationTime(false, now);
                hashed.setIssuerFingerprint(false, sender.signingKey());
                sig.setHashedSubpackets(hashed.generate());
                PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
                unhashed.setIssuerKeyID(false, sender.signingKey().getKeyID());
                sig.setUnhashedSubpackets(unhashed.generate());
                sig.generateOnePassVersion(false).encode(inner);
            }
            PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
            try (OutputStream lo = literal.open(inner, PGPLiteralData.BINARY, "", plaintext.length, now)) {
                lo.write(plaintext);
            }
            if (sig != null) {
                sig.update(plaintext);
                sig.generate().encode(inner);
            }
            byte[] body = inner.toByteArray();
            PGPEncryptedDataGenerator enc = new PGPEncryptedDataGenerator(
                    new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                            .setWithIntegrityPacket(true).setSecureRandom(random));
            enc.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(sender.recipient()).setSecureRandom(random));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream eo = enc.open(out, body.length)) {
                eo.write(body);
            }
            byte[] message = OpenPgpFraming.withOldFormatSessionKeys(out.toByteArray());
            String framing = OpenPgpFraming.check(message, true);
            if (framing != null) {
                throw new GpgKeyException("OpenPGP message not framed as fwknop expects: " + framing);
            }
            return message;
        } catch (PGPException | IOException e) {
            throw new GpgKeyException("OpenPGP encryption failed: " + e.getMessage(), e);
        }
    }
}
