package io.postern.spa.gpg;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.gpg.PGPSecretKeyParser;
import org.bouncycastle.gpg.keybox.KeyBlob;
import org.bouncycastle.gpg.keybox.PublicKeyRingBlob;
import org.bouncycastle.gpg.keybox.bc.BcKeyBox;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.OpenedPGPKeyData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PBEProtectionRemoverFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEProtectionRemoverFactory;

/**
 * Keys read from disk without {@code gpg}: either a GnuPG 2.2 home ({@code pubring.kbx} or
 * {@code pubring.gpg}, {@code trustdb.gpg}, and {@code private-keys-v1.d/*.key} in the extended
 * S-expression format, protected or not), or exported OpenPGP key files (armored or binary; a
 * directory of them or single files). With key files, keys whose secret part is present count as
 * ultimately valid and the other public keys as fully valid: listing a key there is trusting it.
 */
public final class GpgHome {

    private static final int MAX_SEXPR_DEPTH = 10;

    private final String description;
    private final GpgKeyring keyring;
    private final List<Path> agentKeyFiles;
    private final Map<Long, PGPSecretKey> exportedSecrets;

    private GpgHome(String description, GpgKeyring keyring, List<Path> agentKeyFiles,
                    Map<Long, PGPSecretKey> exportedSecrets) {
        this.description = description;
        this.keyring = keyring;
        this.agentKeyFiles = List.copyOf(agentKeyFiles);
        this.exportedSecrets = Map.copyOf(exportedSecrets);
    }

    /**
     * Opens a GnuPG home, or a directory of exported key files when it has no keyring, or a single
     * exported key file.
     */
    public static GpgHome open(Path path) throws GpgKeyException {
        if (Files.isRegularFile(path)) {
            return ofKeyFiles(List.of(path));
        }
        if (!Files.isDirectory(path)) {
            throw new GpgKeyException("GnuPG home " + path + " is not a directory");
        }
        Path kbx = path.resolve("pubring.kbx");
        Path legacy = path.resolve("pubring.gpg");
        if (Files.isRegularFile(kbx) || Files.isRegularFile(legacy)) {
            return readHome(path, Files.isRegularFile(kbx) ? kbx : legacy);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(path, "*.{asc,gpg,pgp,key}")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw new GpgKeyException("cannot list " + path, e);
        }
        if (files.isEmpty()) {
            throw new GpgKeyException(path + " has neither a GnuPG keyring (pubring.kbx) nor exported key files");
        }
        files.sort(null);
        return ofKeyFiles(files);
    }

    /** Exported key files (public and/or secret, armored or binary). */
    public static GpgHome ofKeyFiles(List<Path> files) throws GpgKeyException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        Map<Long, PGPSecretKey> secrets = new HashMap<>();
        Map<String, GpgValidity> validity = new HashMap<>();
        for (Path f : files) {
            try (InputStream in = PGPUtil.getDecoderStream(new BufferedInputStream(Files.newInputStream(f)))) {
                PGPObjectFactory factory = new PGPObjectFactory(in, new BcKeyFingerprintCalculator());
                for (Object o : factory) {
                    if (o instanceof PGPPublicKeyRing r) {
                        rings.add(r);
                        validity.putIfAbsent(KeyIds.fingerprint(r.getPublicKey()), GpgValidity.FULL);
                    } else if (o instanceof PGPSecretKeyRing s) {
                        List<PGPPublicKey> pubs = new ArrayList<>();
                        s.getPublicKeys().forEachRemaining(pubs::add);
                        rings.add(new PGPPublicKeyRing(pubs));
                        s.forEach(k -> secrets.put(k.getKeyID(), k));
                        validity.put(KeyIds.fingerprint(s.getPublicKey()), GpgValidity.ULTIMATE);
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new GpgKeyException("cannot read OpenPGP key file " + f.getFileName() + ": " + e.getMessage(), e);
            }
        }
        return new GpgHome("key files " + files, new GpgKeyring(dedupe(rings), TrustDb.empty(), validity),
                List.of(), secrets);
    }

    private static GpgHome readHome(Path home, Path pubring) throws GpgKeyException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        try {
            byte[] bytes = Files.readAllBytes(pubring);
            if (pubring.getFileName().toString().endsWith(".kbx")) {
                for (KeyBlob b : new BcKeyBox(bytes).getKeyBlobs()) {
                    if (b instanceof PublicKeyRingBlob p) {
                        rings.add(p.getPGPPublicKeyRing());
                    }
                }
            } else {
                for (Object o : new PGPObjectFactory(bytes, new BcKeyFingerprintCalculator())) {
                    if (o instanceof PGPPublicKeyRing r) {
                        rings.add(r);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new GpgKeyException("cannot read " + pubring + ": " + e.getMessage(), e);
        }
        TrustDb trust = TrustDb.empty();
        Path trustdb = home.resolve("trustdb.gpg");
        if (Files.isRegularFile(trustdb)) {
            try {
                trust = TrustDb.read(trustdb);
            } catch (IOException e) {
                throw new GpgKeyException("cannot read " + trustdb, e);
            }
        }
        List<Path> keyFiles = new ArrayList<>();
        Path priv = home.resolve("private-keys-v1.d");
        if (Files.isDirectory(priv)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(priv, "*.key")) {
                ds.forEach(keyFiles::add);
            } catch (IOException e) {
                throw new GpgKeyException("cannot list " + priv, e);
            }
        }
        keyFiles.sort(null);
        return new GpgHome("GnuPG home " + home, new GpgKeyring(dedupe(rings), trust, Map.of()), keyFiles, Map.of());
    }

    private static List<PGPPublicKeyRing> dedupe(List<PGPPublicKeyRing> rings) {
        Map<Long, PGPPublicKeyRing> byId = new LinkedHashMap<>();
        for (PGPPublicKeyRing r : rings) {
            byId.putIfAbsent(r.getPublicKey().getKeyID(), r);
        }
        return new ArrayList<>(byId.values());
    }

    public GpgKeyring keyring() {
        return keyring;
    }

    /** Where the keys came from, for messages. */
    public String description() {
        return description;
    }

    /**
     * The private keys for those of {@code keys} whose secret part this home holds, unlocked with
     * {@code passphrase} (null for unprotected keys).
     *
     * @throws GpgKeyException if a secret part is present but cannot be unlocked
     */
    Map<Long, PGPPrivateKey> privateKeys(List<PGPPublicKey> keys, char[] passphrase) throws GpgKeyException {
        Map<Long, PGPPrivateKey> out = new LinkedHashMap<>();
        List<OpenedPGPKeyData> agentKeys = agentKeyFiles.isEmpty() ? List.of() : openAgentKeys();
        for (PGPPublicKey pub : keys) {
            PGPSecretKey exported = exportedSecrets.get(pub.getKeyID());
            if (exported != null) {
                out.put(pub.getKeyID(), unlock(exported, passphrase));
                continue;
            }
            for (OpenedPGPKeyData data : agentKeys) {
                PGPPrivateKey k = unlockAgentKey(data, pub, passphrase);
                if (k != null) {
                    out.put(pub.getKeyID(), k);
                    break;
                }
            }
        }
        return out;
    }

    private List<OpenedPGPKeyData> openAgentKeys() throws GpgKeyException {
        List<OpenedPGPKeyData> out = new ArrayList<>();
        for (Path f : agentKeyFiles) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(f))) {
                out.add(PGPSecretKeyParser.parse(in, MAX_SEXPR_DEPTH));
            } catch (IOException | RuntimeException e) {
                // a key file of a format we do not read (a smartcard stub, an old protected format)
                continue;
            }
        }
        return out;
    }

    private static PGPPrivateKey unlockAgentKey(OpenedPGPKeyData data, PGPPublicKey pub, char[] passphrase)
            throws GpgKeyException {
        boolean protectedKey = data.getKeyExpression().getString(0).startsWith("protected");
        if (!protectedKey && AgentEccKey.isEcc(data.getKeyExpression())) {
            return AgentEccKey.forPublicKey(data.getKeyExpression(), pub);
        }
        if (protectedKey && (passphrase == null || passphrase.length == 0)) {
            if (matches(data, pub)) {
                throw new GpgKeyException("secret key " + KeyIds.shortId(KeyIds.fingerprint(pub))
                        + " is passphrase-protected and no passphrase is set");
            }
            return null;
        }
        PBEProtectionRemoverFactory remover = protectedKey
                ? new JcePBEProtectionRemoverFactory(passphrase, new BcPGPDigestCalculatorProvider())
                        .setProvider(new BouncyCastleProvider())
                : null;
        try {
            PGPSecretKey sk = data.getKeyData(pub, new BcPGPDigestCalculatorProvider(), remover,
                    new BcKeyFingerprintCalculator(), MAX_SEXPR_DEPTH);
            return sk.extractPrivateKey(null);
        } catch (PGPException | IOException | RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("does not match")) {
                return null;
            }
            throw new GpgKeyException("cannot unlock secret key " + KeyIds.shortId(KeyIds.fingerprint(pub))
                    + (protectedKey ? ": bad passphrase" : ": " + e.getMessage()));
        }
    }

    private static boolean matches(OpenedPGPKeyData data, PGPPublicKey pub) {
        try {
            data.getKeyData(pub, new BcPGPDigestCalculatorProvider(), passphraseProbe(),
                    new BcKeyFingerprintCalculator(), MAX_SEXPR_DEPTH);
            return true;
        } catch (PGPException | IOException | RuntimeException e) {
            return !String.valueOf(e.getMessage()).contains("does not match");
        }
    }

    /** A remover that never succeeds, used only to learn whether a protected key belongs to a public key. */
    private static PBEProtectionRemoverFactory passphraseProbe() {
        return new JcePBEProtectionRemoverFactory(new char[] {'\0'}, new BcPGPDigestCalculatorProvider())
                .setProvider(new BouncyCastleProvider());
    }

    private static PGPPrivateKey unlock(PGPSecretKey sk, char[] passphrase) throws GpgKeyException {
        try {
            if (sk.isPrivateKeyEmpty()) {
                throw new GpgKeyException("secret key " + KeyIds.shortId(KeyIds.fingerprint(sk.getPublicKey()))
                        + " is a stub (no secret part)");
            }
            boolean plain = sk.getKeyEncryptionAlgorithm() == 0;
            if (!plain && (passphrase == null || passphrase.length == 0)) {
                throw new GpgKeyException("secret key " + KeyIds.shortId(KeyIds.fingerprint(sk.getPublicKey()))
                        + " is passphrase-protected and no passphrase is set");
            }
            return sk.extractPrivateKey(plain ? null
                    : new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(passphrase));
        } catch (PGPException e) {
            throw new GpgKeyException("cannot unlock secret key "
                    + KeyIds.shortId(KeyIds.fingerprint(sk.getPublicKey())) + ": bad passphrase");
        }
    }

    @Override
    public String toString() {
        return "GpgHome[" + description + ", " + keyring.size() + " keys]";
    }
}
