package io.postern.it.adversarial;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.postern.spa.MessageType;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.SpaEncodeException;
import io.postern.spa.codec.SpaEncoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import io.postern.spa.crypto.RijndaelCipher;
import io.postern.spa.crypto.SpaBase64;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Shared fixtures of the adversarial suite: the secrets every test configures (so the secret scan knows
 * what to look for), packet crafting that bypasses the encoder's field checks (same steps as the encoder:
 * fields, inner digest, Rijndael, HMAC), a settable clock, a per-class log file and small waits.
 */
final class Adv {

    /** Rijndael key of stanza A (base64). */
    static final String KEY_A = "itZ5a7OViW9NiWVna3Mp7YmfiOvWwG2MsHZ6v3/+LgQ=";
    /** HMAC key of stanza A (base64). */
    static final String HMAC_A = "m670AHoEyfn40fTxDW2m4a+umDKZ8TJpzDSkv0rXT1QXYkQ7Bwbs4DXoo+WeFOacj8jziET9HMFKjhokDWy2qw==";
    /** Rijndael key of stanza B (base64). */
    static final String KEY_B = "k0B9tM3vu8TI0TLmGtcMio/AbuKDZ4gQ8Ai7OMrXNWw=";
    /** HMAC key of stanza B (base64). */
    static final String HMAC_B = "RvbEjg1E7veIDfy1u2VB2vJIZyKLzl7CPwxMi8p6gTxs1Ssk8d6f2E6B48WO/XREnv4UXrSGIbDefRwFrF2rDQ==";
    /** A passphrase-only stanza (no HMAC), the weakest configuration fwknop allows. */
    static final String PASSPHRASE_C = "adv-Rijndael-passphrase-C-71";
    /** Router login password. */
    static final String ROUTER_PASSWORD = "adv-router-pass-9f31";
    /** Router enable secret. */
    static final String ROUTER_ENABLE = "adv-enable-secret-77c2";
    /** HTTP appliance bearer token. */
    static final String HTTP_TOKEN = "adv-http-token-5d1e8a";

    /** Every secret the suite configures, as configured and (keys) as raw bytes in base64 variants. */
    static List<String> secrets() {
        List<String> out = new ArrayList<>(List.of(KEY_A, HMAC_A, KEY_B, HMAC_B, PASSPHRASE_C, ROUTER_PASSWORD,
                ROUTER_ENABLE, HTTP_TOKEN));
        for (String k : List.of(KEY_A, HMAC_A, KEY_B, HMAC_B)) {
            byte[] raw = Base64.getDecoder().decode(k);
            out.add(k.replace("=", ""));
            out.add(java.util.HexFormat.of().formatHex(raw));
            out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        }
        return out;
    }

    private Adv() {
    }

    static SpaKeys keysA() {
        return new SpaKeys(KeyMaterial.ofBase64(KEY_A), KeyMaterial.ofBase64(HMAC_A), HmacType.SHA256,
                EncryptionMode.CBC, false);
    }

    static SpaKeys keysB() {
        return new SpaKeys(KeyMaterial.ofBase64(KEY_B), KeyMaterial.ofBase64(HMAC_B), HmacType.SHA512,
                EncryptionMode.CTR, false);
    }

    static SpaKeys keysC() {
        return new SpaKeys(KeyMaterial.ofPassphrase(PASSPHRASE_C), null, HmacType.SHA256, EncryptionMode.CBC, false);
    }

    /** access.conf lines of stanza A (HMAC-SHA256, CBC). */
    static String stanzaA(String extra) {
        return "SOURCE ANY\nKEY_BASE64 " + KEY_A + "\nHMAC_KEY_BASE64 " + HMAC_A + "\nHMAC_DIGEST_TYPE sha256\n"
                + "ENCRYPTION_MODE cbc\n" + extra;
    }

    /** access.conf lines of stanza B (HMAC-SHA512, CTR). */
    static String stanzaB(String extra) {
        return "SOURCE ANY\nKEY_BASE64 " + KEY_B + "\nHMAC_KEY_BASE64 " + HMAC_B + "\nHMAC_DIGEST_TYPE sha512\n"
                + "ENCRYPTION_MODE ctr\n" + extra;
    }

    /** access.conf lines of stanza C (passphrase, no HMAC, CBC). */
    static String stanzaC(String extra) {
        return "SOURCE ANY\nKEY " + PASSPHRASE_C + "\nENCRYPTION_MODE cbc\n" + extra;
    }

    /** An access message the encoder accepts. */
    static SpaMessage access(String allow, String ports, long timestamp, int clientTimeout) {
        SpaEncoder enc = new SpaEncoder();
        return new SpaMessage(enc.newRandomValue(), "alice", timestamp, SpaMessage.PROTOCOL_VERSION,
                clientTimeout > 0 ? MessageType.CLIENT_TIMEOUT_ACCESS : MessageType.ACCESS, allow + "," + ports,
                null, null, clientTimeout);
    }

    static String encode(SpaMessage m, SpaKeys keys, DigestType d) {
        try {
            return new SpaEncoder().encode(m, keys, d);
        } catch (SpaEncodeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random 16-digit value. */
    static String random16() {
        return new SpaEncoder().newRandomValue();
    }

    private static String b64(String s) {
        return SpaBase64.encodeNoPad(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * The plaintext fields without the digest, each string field base64-encoded from its ISO-8859-1 bytes,
     * with no validation at all (the encoder's checks are what is being bypassed).
     */
    static String rawFields(String random, String user, long timestamp, String version, int type, String message,
                            String nat, String serverAuth, String clientTimeout) {
        StringBuilder b = new StringBuilder().append(random).append(':').append(b64(user)).append(':')
                .append(timestamp).append(':').append(version).append(':').append(type).append(':').append(b64(message));
        if (nat != null) {
            b.append(':').append(b64(nat));
        }
        if (serverAuth != null) {
            b.append(':').append(b64(serverAuth));
        }
        if (clientTimeout != null) {
            b.append(':').append(clientTimeout);
        }
        return b.toString();
    }

    /** Encrypts and MACs raw plaintext fields exactly as the encoder does, without its field checks. */
    static String craft(String fields, SpaKeys keys, DigestType digest) {
        byte[] salt = new byte[8];
        new java.security.SecureRandom().nextBytes(salt);
        String pt = fields + ':' + SpaBase64.encodeNoPad(digest.digest(fields.getBytes(StandardCharsets.ISO_8859_1)));
        String full = RijndaelCipher.encrypt(pt.getBytes(StandardCharsets.ISO_8859_1), keys.key(), keys.mode(), salt);
        String mac = keys.hasHmac() ? SpaBase64.encodeNoPad(keys.hmacType().mac(keys.hmacKey().bytes(),
                full.getBytes(StandardCharsets.US_ASCII))) : "";
        return full.substring(RijndaelCipher.SALTED_PREFIX_B64.length()) + mac;
    }

    /** A clock tests move by hand; reads are thread-safe. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Where this suite writes the logs and audit files that {@link SecretScanIT} scans. */
    static Path logDir() {
        Path p = Path.of("target", "adversarial-logs").toAbsolutePath();
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /**
     * Sends every log event (DEBUG and up for Postern and MINA) to {@code target/adversarial-logs/<name>.log}
     * while open.
     */
    static final class LogFile implements AutoCloseable {
        private final FileAppender<ILoggingEvent> appender = new FileAppender<>();
        private final Level saved;
        private final Level savedServe;
        private final Path file;

        LogFile(String name) {
            this(name, false);
        }

        /**
         * With {@code dropRejections}, the per-packet "rejected" lines are left out (a flood writes millions):
         * io.postern.serve stays at INFO, as in production, where unauthenticated rejections are DEBUG lines.
         */
        LogFile(String name, boolean dropRejections) {
            LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
            file = logDir().resolve(name + ".log");
            PatternLayoutEncoder enc = new PatternLayoutEncoder();
            enc.setContext(ctx);
            enc.setPattern("%d %-5level [%thread] %logger - %msg%n%ex");
            enc.start();
            appender.setContext(ctx);
            appender.setFile(file.toString());
            appender.setAppend(false);
            appender.setEncoder(enc);
            if (dropRejections) {
                appender.addFilter(new ch.qos.logback.core.filter.Filter<ILoggingEvent>() {
                    @Override
                    public ch.qos.logback.core.spi.FilterReply decide(ILoggingEvent e) {
                        return e.getFormattedMessage().contains(" rejected ") ? ch.qos.logback.core.spi.FilterReply.DENY
                                : ch.qos.logback.core.spi.FilterReply.NEUTRAL;
                    }
                });
            }
            appender.start();
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
            Logger postern = ctx.getLogger("io.postern");
            saved = postern.getLevel();
            postern.setLevel(Level.DEBUG);
            // The per-packet rejections are DEBUG lines of io.postern.serve; left out, they must not be formatted
            // and pushed through the console capture either (a million lines would measure the test harness)
            Logger serve = ctx.getLogger("io.postern.serve");
            savedServe = serve.getLevel();
            if (dropRejections) {
                serve.setLevel(Level.INFO);
            }
        }

        Path file() {
            return file;
        }

        @Override
        public void close() {
            LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
            ctx.getLogger("io.postern").setLevel(saved);
            ctx.getLogger("io.postern.serve").setLevel(savedServe);
            appender.stop();
        }
    }

    /** Files under {@code root} (recursively) in which any secret occurs, as "file: secret-name". */
    static List<String> secretHits(Path root) throws IOException {
        List<String> hits = new ArrayList<>();
        if (!Files.exists(root)) {
            return hits;
        }
        List<String> secrets = secrets();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (int i = 0; i < secrets.size(); i++) {
                    if (text.contains(secrets.get(i))) {
                        hits.add(f + ": secret #" + i);
                    }
                }
            }
        }
        return hits;
    }

    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** A long system property, e.g. a duration or count for the long local run. */
    static long prop(String name, long ciDefault) {
        return Long.getLong(name, ciDefault);
    }

    /** Whether the long local run was asked for ({@code -Dpostern.adversarial.full=true}). */
    static boolean full() {
        return Boolean.getBoolean("postern.adversarial.full");
    }

    /** Records one figure (see {@link Figures}). */
    static void figure(String line) {
        Figures.add(line);
    }
}
