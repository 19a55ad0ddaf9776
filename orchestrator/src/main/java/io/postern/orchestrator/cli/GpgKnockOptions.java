package io.postern.orchestrator.cli;

import io.postern.spa.SpaMessage;
import io.postern.spa.config.FwknopRc;
import io.postern.spa.config.RcVariable;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.gpg.GpgHome;
import io.postern.spa.gpg.GpgKeyException;
import io.postern.spa.gpg.GpgSender;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code postern knock}'s GPG options, named as fwknop's ({@code -g}, {@code --gpg-recipient-key},
 * {@code --gpg-signer-key}, {@code --gpg-home-dir}, {@code --gpg-no-signing-pw}) with their
 * {@code .fwknoprc} variables, plus exported key files for machines without a GnuPG home. Keys are
 * read with Bouncy Castle; no {@code gpg} runs.
 */
public final class GpgKnockOptions {

    @Option(names = {"-g", "--gpg-encryption"}, description = "GPG mode: encrypt to --gpg-recipient-key (and sign).")
    boolean gpg;

    @Option(names = "--gpg-recipient-key", paramLabel = "ID", description = "Server key: fingerprint, key ID or user ID.")
    String recipient;

    @Option(names = "--gpg-signer-key", paramLabel = "ID", description = "Your signing key (omit for unsigned packets).")
    String signer;

    @Option(names = "--gpg-home-dir", paramLabel = "DIR", description = "GnuPG home (default ~/.gnupg).")
    Path homeDir;

    @Option(names = "--gpg-recipient-key-file", paramLabel = "FILE",
            description = "Postern: read the recipient key from this exported key file instead of the GnuPG home.")
    Path recipientFile;

    @Option(names = "--gpg-signer-key-file", paramLabel = "FILE",
            description = "Postern: read the signing key from this exported secret key file.")
    Path signerFile;

    @Option(names = "--gpg-no-signing-pw", description = "The signing key has no passphrase (do not ask for one).")
    boolean noSigningPw;

    @Option(names = {"--gpg-agent", "--gpg-exe"}, hidden = true, arity = "0..1",
            description = "Accepted for fwknop compatibility; Postern never runs gpg.")
    String ignored;

    /** Whether GPG mode is on ({@code -g}, USE_GPG Y). */
    boolean enabled(FwknopRc rc) {
        return gpg || rc.isYes(RcVariable.USE_GPG);
    }

    /** Reads the keys; a usage error names what is missing. */
    GpgSender sender(FwknopRc rc, String home) {
        String r = Optional.ofNullable(recipient).or(() -> rc.value(RcVariable.GPG_RECIPIENT)).orElseThrow(
                () -> CliException.usage("GPG mode needs --gpg-recipient-key (or GPG_RECIPIENT in the .fwknoprc)"));
        String s = Optional.ofNullable(signer).or(() -> rc.value(RcVariable.GPG_SIGNER)).orElse(null);
        Path dir = Optional.ofNullable(homeDir).or(() -> rc.value(RcVariable.GPG_HOMEDIR).map(Path::of))
                .orElse(Path.of(home == null ? "." : home, ".gnupg"));
        try {
            GpgHome recipientKeys = GpgHome.open(recipientFile != null ? recipientFile : dir);
            GpgHome signerKeys = s == null ? null : GpgHome.open(signerFile != null ? signerFile : dir);
            char[] pw = s == null ? null : passphrase(rc);
            return GpgSender.of(recipientKeys, r, signerKeys, s, pw);
        } catch (GpgKeyException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private char[] passphrase(FwknopRc rc) {
        if (noSigningPw || rc.isYes(RcVariable.GPG_NO_SIGNING_PW)) {
            return null;
        }
        Optional<String> plain = rc.value(RcVariable.GPG_SIGNING_PW);
        if (plain.isPresent()) {
            return plain.get().toCharArray();
        }
        Optional<String> b64 = rc.value(RcVariable.GPG_SIGNING_PW_BASE64);
        if (b64.isPresent()) {
            return new String(Base64.getDecoder().decode(b64.get().trim()), StandardCharsets.UTF_8).toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw CliException.usage("the signing key's passphrase: give --gpg-no-signing-pw for an unprotected key, "
                    + "or GPG_SIGNING_PW_BASE64 in the .fwknoprc");
        }
        char[] pw = console.readPassword("Enter passphrase for signing: ");
        if (pw == null) {
            throw CliException.usage("no signing passphrase entered");
        }
        return pw;
    }

    /** The fields {@code fwknop -T} prints for a GPG packet (the client cannot decrypt it). */
    static void print(PrintWriter out, SpaMessage m, DigestType digest, HmacType hmac, GpgSender s, String packet) {
        out.println("SPA Field Values:");
        out.println("=================");
        line(out, "Random Value", m.randomValue());
        line(out, "Username", m.username());
        line(out, "Timestamp", Long.toString(m.timestamp()));
        line(out, "FKO Version", m.version());
        line(out, "Message Type", m.type().code() + " (" + m.type().displayName() + ")");
        line(out, "Message String", m.message());
        line(out, "Digest Type", digest.code() + " (" + digest.configName().toUpperCase(java.util.Locale.ROOT) + ")");
        line(out, "HMAC Type", hmac == null ? "0 (None)" : hmac.code() + " (" + hmac.configName().toUpperCase(java.util.Locale.ROOT) + ")");
        line(out, "Encryption Type", "2 (GPG)");
        line(out, "Encryption Mode", "7 (Asymmetric)");
        line(out, "GPG signer", s.signer() == null ? "<NULL>" : s.signer().fingerprint());
        line(out, "GPG recipient", s.recipientFingerprint());
        line(out, "HMAC", hmac == null ? "<NULL>" : packet.substring(packet.length() - hmac.base64Length()));
        line(out, "Final SPA Data", packet);
        out.flush();
    }

    private static void line(PrintWriter out, String name, String value) {
        out.printf("%15s: %s%n", name, value);
    }
}
