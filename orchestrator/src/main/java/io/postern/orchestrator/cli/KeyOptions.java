package io.postern.orchestrator.cli;

import io.postern.spa.codec.SpaKeys;
import io.postern.spa.config.FwknopRc;
import io.postern.spa.config.RcSetting;
import io.postern.spa.config.RcVariable;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import io.postern.spa.crypto.RijndaelCipher;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The key options {@code knock} and {@code decode} share, with fwknop's names. Keys come from exactly
 * one source each: the command line, a key file, {@code --stdin}, the {@code .fwknoprc}, or a prompt on
 * the terminal. Resolution checks what fwknop checks (length, distinct keys, legacy without HMAC).
 */
public final class KeyOptions {

    @Option(names = "--key-rijndael", paramLabel = "PASSPHRASE",
            description = "Encryption key as a passphrase (visible in shell history; prefer --key-file).")
    String keyRijndael;

    @Option(names = "--key-base64-rijndael", paramLabel = "BASE64", description = "Encryption key, base64.")
    String keyBase64;

    @Option(names = "--key-hmac", paramLabel = "PASSPHRASE", description = "HMAC key as a passphrase; implies --use-hmac.")
    String hmacKey;

    @Option(names = "--key-base64-hmac", paramLabel = "BASE64", description = "HMAC key, base64; implies --use-hmac.")
    String hmacKeyBase64;

    @Option(names = "--use-hmac", description = "Add an HMAC (prompts for the key if none is given).")
    boolean useHmac;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "File in 'postern keygen' format (KEY_BASE64: / HMAC_KEY_BASE64:, or KEY: / HMAC_KEY:).")
    Path keyFile;

    @Option(names = "--hmac-key-file", paramLabel = "FILE", description = "Like --key-file, for the HMAC key.")
    Path hmacKeyFile;

    @Option(names = {"-G", "--get-key"}, paramLabel = "FILE",
            description = "fwknop key file: lines '<server>: <passphrase>', matched on -D.")
    Path getKey;

    @Option(names = "--get-hmac-key", paramLabel = "FILE", description = "Like --get-key, for the HMAC key.")
    Path getHmacKey;

    @Option(names = "--stdin", description = "Read the key from standard input: a passphrase line, or keygen format.")
    boolean stdin;

    @Option(names = "--hmac-digest-type", paramLabel = "TYPE",
            description = "HMAC: md5, sha1, sha256 (default), sha384, sha512, sha3_256, sha3_512.")
    String hmacType;

    @Option(names = {"-M", "--encryption-mode"}, paramLabel = "MODE",
            description = "cbc (default), ecb, cfb, ofb, ctr or legacy (legacy cannot have an HMAC).")
    String mode;

    /** The HMAC type: the option, else the rc file, else sha256. */
    HmacType hmacType(FwknopRc rc) {
        Optional<String> name = Optional.ofNullable(hmacType).or(() -> rc.value(RcVariable.HMAC_DIGEST_TYPE));
        return name.map(n -> parse(() -> HmacType.fromName(n))).orElse(HmacType.SHA256);
    }

    /** Whether {@code --stdin} will consume standard input. */
    boolean readsStdin() {
        return stdin;
    }

    /**
     * Resolves and checks the keys.
     *
     * @param rc     rc settings to fall back on ({@link FwknopRc#empty()} for none)
     * @param server the {@code -D} value for {@code -G} files, or null
     * @param in     standard input for {@code --stdin}
     */
    SpaKeys resolve(FwknopRc rc, String server, InputStream in) {
        EncryptionMode m = Optional.ofNullable(mode).or(() -> rc.value(RcVariable.ENCRYPTION_MODE))
                .map(n -> parse(() -> EncryptionMode.fromName(n))).orElse(EncryptionMode.CBC);
        if (!m.isRijndael()) {
            throw CliException.usage("GPG (asymmetric) mode is not supported; use a Rijndael mode");
        }
        KeyFiles.Pair fromStdin = stdin ? readStdin(in) : null;
        KeyFiles.Pair fromFile = keyFile == null ? null : KeyFiles.parseKeygen(KeyFiles.read(keyFile), keyFile.toString());
        KeyMaterial key = encryptionKey(rc, server, fromStdin, fromFile);
        KeyMaterial hmac = hmacKey(rc, server, fromStdin, fromFile);
        boolean wantHmac = useHmac || hmac != null || rc.isYes(RcVariable.USE_HMAC);
        if (key == null) {
            key = prompt("Enter encryption key: ", "no encryption key: give --key-base64-rijndael, --key-rijndael, "
                    + "--key-file, --get-key or --stdin, or KEY_BASE64 in the .fwknoprc");
        }
        if (wantHmac && hmac == null) {
            hmac = prompt("Enter HMAC key: ", "--use-hmac without an HMAC key: give --key-base64-hmac, --key-hmac, "
                    + "--hmac-key-file or --get-hmac-key, or HMAC_KEY_BASE64 in the .fwknoprc");
        }
        check(key, hmac, m);
        return new SpaKeys(key, hmac, hmacType(rc), m, false);
    }

    /** Whether {@code -M}/ENCRYPTION_MODE asks for asymmetric (GPG) mode. */
    boolean asymmetric(FwknopRc rc) {
        return Optional.ofNullable(mode).or(() -> rc.value(RcVariable.ENCRYPTION_MODE))
                .map(n -> !parse(() -> EncryptionMode.fromName(n)).isRijndael()).orElse(false);
    }

    /** The HMAC key alone, for GPG mode (no Rijndael key); null when no HMAC is asked for. */
    KeyMaterial hmacOnly(FwknopRc rc, String server, InputStream in) {
        KeyFiles.Pair fromStdin = stdin ? readStdin(in) : null;
        KeyFiles.Pair fromFile = keyFile == null ? null : KeyFiles.parseKeygen(KeyFiles.read(keyFile), keyFile.toString());
        KeyMaterial hmac = hmacKey(rc, server, fromStdin, fromFile);
        if ((useHmac || rc.isYes(RcVariable.USE_HMAC)) && hmac == null) {
            hmac = prompt("Enter HMAC key: ", "--use-hmac without an HMAC key: give --key-base64-hmac, --key-hmac, "
                    + "--hmac-key-file or --get-hmac-key, or HMAC_KEY_BASE64 in the .fwknoprc");
        }
        return hmac;
    }

    private KeyMaterial encryptionKey(FwknopRc rc, String server, KeyFiles.Pair fromStdin, KeyFiles.Pair fromFile) {
        List<KeyMaterial> given = new ArrayList<>();
        add(given, keyRijndael == null ? null : KeyMaterial.ofPassphrase(keyRijndael));
        add(given, keyBase64 == null ? null : base64(keyBase64, "--key-base64-rijndael"));
        add(given, fromFile == null ? null : fromFile.key());
        add(given, getKey == null ? null : KeyFiles.fromGetKeyFile(getKey, server));
        add(given, fromStdin == null ? null : fromStdin.key());
        if (given.size() > 1) {
            throw CliException.usage("more than one encryption key given; use one of --key-rijndael, "
                    + "--key-base64-rijndael, --key-file, --get-key, --stdin");
        }
        if (!given.isEmpty()) {
            return given.get(0);
        }
        return fromRc(rc, RcVariable.KEY, RcVariable.KEY_BASE64, RcVariable.KEY_FILE, server);
    }

    private KeyMaterial hmacKey(FwknopRc rc, String server, KeyFiles.Pair fromStdin, KeyFiles.Pair fromFile) {
        List<KeyMaterial> given = new ArrayList<>();
        add(given, hmacKey == null ? null : KeyMaterial.ofPassphrase(hmacKey));
        add(given, hmacKeyBase64 == null ? null : base64(hmacKeyBase64, "--key-base64-hmac"));
        add(given, hmacKeyFile == null ? null
                : KeyFiles.parseKeygen(KeyFiles.read(hmacKeyFile), hmacKeyFile.toString()).hmacKey());
        add(given, getHmacKey == null ? null : KeyFiles.fromGetKeyFile(getHmacKey, server));
        if (given.size() > 1) {
            throw CliException.usage("more than one HMAC key given; use one of --key-hmac, --key-base64-hmac, "
                    + "--hmac-key-file, --get-hmac-key");
        }
        if (!given.isEmpty()) {
            return given.get(0);
        }
        // a keygen-format --key-file or --stdin carries both keys
        KeyMaterial paired = fromFile != null && fromFile.hmacKey() != null ? fromFile.hmacKey()
                : fromStdin != null ? fromStdin.hmacKey() : null;
        if (paired != null) {
            return paired;
        }
        return fromRc(rc, RcVariable.HMAC_KEY, RcVariable.HMAC_KEY_BASE64, RcVariable.HMAC_KEY_FILE, server);
    }

    /** Whichever of NAME / NAME_BASE64 fwknop applies last, else the rc file's key file. */
    private static KeyMaterial fromRc(FwknopRc rc, RcVariable plain, RcVariable b64, RcVariable file, String server) {
        RcSetting last = null;
        for (RcSetting s : rc.settings()) {
            if (s.variable() == plain || s.variable() == b64) {
                last = s;
            }
        }
        if (last != null) {
            return last.variable() == b64 ? base64(last.value(), b64.name() + " in " + rc.file())
                    : KeyMaterial.ofPassphrase(last.value());
        }
        return rc.value(file).map(f -> KeyFiles.fromGetKeyFile(Paths.get(f), server)).orElse(null);
    }

    private static void check(KeyMaterial key, KeyMaterial hmac, EncryptionMode m) {
        if (m != EncryptionMode.LEGACY && key.length() > RijndaelCipher.MAX_KEY_LENGTH) {
            throw CliException.usage("Invalid key length: the encryption key is " + key.length()
                    + " bytes, at most " + RijndaelCipher.MAX_KEY_LENGTH);
        }
        if (hmac != null) {
            if (m == EncryptionMode.LEGACY) {
                throw CliException.usage("legacy encryption mode is incompatible with HMAC usage");
            }
            if (hmac.sameAs(key)) {
                throw CliException.usage("the encryption key and the HMAC key should not be identical");
            }
            if (hmac.length() > HmacType.MAX_KEY_LENGTH) {
                throw CliException.usage("the HMAC key is " + hmac.length() + " bytes, at most " + HmacType.MAX_KEY_LENGTH);
            }
        }
    }

    private static KeyFiles.Pair readStdin(InputStream in) {
        String text;
        try {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw CliException.runtime("cannot read standard input: " + e.getMessage(), e);
        }
        if (KeyFiles.isKeygenFormat(text)) {
            return KeyFiles.parseKeygen(text, "standard input");
        }
        String first = text.split("\r?\n", 2)[0];
        if (first.isEmpty()) {
            throw CliException.usage("--stdin: standard input holds no key");
        }
        return new KeyFiles.Pair(KeyMaterial.ofPassphrase(first), null);
    }

    private static KeyMaterial prompt(String prompt, String missing) {
        Console console = System.console();
        if (console == null) {
            throw CliException.usage(missing);
        }
        char[] pw = console.readPassword("%s", prompt);
        if (pw == null || pw.length == 0) {
            throw CliException.usage(missing);
        }
        return KeyMaterial.ofPassphrase(new String(pw));
    }

    private static KeyMaterial base64(String b64, String what) {
        try {
            return KeyMaterial.ofBase64(b64);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(what + " is not valid base64");
        }
    }

    private static void add(List<KeyMaterial> list, KeyMaterial k) {
        if (k != null) {
            list.add(k);
        }
    }

    static <T> T parse(Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
