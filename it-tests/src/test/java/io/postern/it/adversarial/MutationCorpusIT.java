package io.postern.it.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.spa.config.AccessConfReader;
import io.postern.spa.config.AccessStanza;
import io.postern.spa.config.FwknopdConf;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.SpaBase64;
import io.postern.spa.policy.InMemoryDigestStore;
import io.postern.spa.policy.SpaValidator;
import io.postern.spa.policy.ValidatorSettings;
import io.postern.spa.policy.Verdict;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutations of valid packets through {@link SpaValidator} with real access.conf stanzas (HMAC-SHA256/CBC,
 * HMAC-SHA512/CTR, passphrase-only CBC): every single-byte substitution with all 256 byte values, every
 * deletion and truncation, insertions, extensions, and field swaps between packets (ciphertext of one with
 * the HMAC of another, salt of one with the body of another, spliced halves). Each original is accepted
 * first, so an accepted mutant would also be a replay under a new digest. Proves: 0 mutants accepted, 0
 * exceptions escape the validator, and the heap after a GC stays flat. The long local run
 * ({@code -Dpostern.adversarial.full=true}) adds random multi-byte mutations up to
 * {@code postern.mutation.total} inputs (default 1,200,000).
 */
class MutationCorpusIT {

    private static final InetAddress SOURCE = InetAddress.getLoopbackAddress();
    private static final long NOW = 1_790_000_000L;

    @TempDir
    Path dir;

    long tried;
    long accepted;
    long exceptions;
    final List<String> acceptedExamples = new ArrayList<>();

    @Test
    void noMutantIsAcceptedAndNothingEscapes() throws Exception {
        Files.writeString(dir.resolve("access.conf"), Adv.stanzaA("FW_ACCESS_TIMEOUT 30\n")
                + Adv.stanzaB("FW_ACCESS_TIMEOUT 30\n") + Adv.stanzaC("FW_ACCESS_TIMEOUT 30\n"));
        List<AccessStanza> stanzas = new AccessConfReader(FwknopdConf.defaults(), ZoneId.of("UTC"), u -> true)
                .read(dir.resolve("access.conf")).stanzas();
        assertThat(stanzas).hasSize(3);
        Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        InMemoryDigestStore store = new InMemoryDigestStore();
        SpaValidator validator = new SpaValidator(clock, store, ValidatorSettings.DEFAULTS);

        List<String> originals = new ArrayList<>();
        originals.add(Adv.encode(Adv.access("198.18.0.1", "tcp/22", NOW, 0), Adv.keysA(), DigestType.SHA256));
        originals.add(Adv.encode(Adv.access("198.18.0.2", "tcp/22,udp/53", NOW, 60), Adv.keysB(), DigestType.SHA512));
        originals.add(Adv.encode(Adv.access("198.18.0.3", "tcp/22", NOW, 0), Adv.keysC(), DigestType.SHA256));
        originals.add(Adv.encode(Adv.access("0.0.0.0", "tcp/22", NOW, 30), Adv.keysC(), DigestType.MD5));
        originals.add(Adv.encode(Adv.access("198.18.0.5", "udp/1194", NOW, 0), Adv.keysA().withHmacType(HmacType.SHA256),
                DigestType.SHA1));
        for (String o : originals) {
            assertThat(validator.validate(o, SOURCE, SOURCE, stanzas).isAccepted()).as(o).isTrue();
        }

        Consumer<String> check = mutant -> {
            tried++;
            try {
                Verdict v = validator.validate(mutant, SOURCE, SOURCE, stanzas);
                if (v.isAccepted()) {
                    accepted++;
                    if (acceptedExamples.size() < 5) {
                        acceptedExamples.add(mutant);
                    }
                }
            } catch (Throwable t) {
                exceptions++;
                if (acceptedExamples.size() < 5) {
                    acceptedExamples.add(t + " for " + mutant);
                }
            }
        };

        long start = System.nanoTime();
        // warm-up: the first packet's substitutions, then the heap baseline
        substitutions(originals.get(0), check);
        long heapBefore = usedHeapAfterGc();
        for (String o : originals.subList(1, originals.size())) {
            substitutions(o, check);
        }
        for (String o : originals) {
            structural(o, check);
        }
        swaps(originals, check);
        long deterministic = tried;
        if (Adv.full()) {
            long total = Adv.prop("postern.mutation.total", 1_200_000);
            SplittableRandom r = new SplittableRandom(7);
            while (tried < total) {
                String o = originals.get(r.nextInt(originals.size()));
                char[] c = o.toCharArray();
                int n = 2 + r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    c[r.nextInt(c.length)] = r.nextBoolean() ? B64.charAt(r.nextInt(64)) : (char) r.nextInt(256);
                }
                String m = new String(c);
                if (!m.equals(o)) {
                    check.accept(m);
                }
            }
        }
        long heapAfter = usedHeapAfterGc();
        double secs = (System.nanoTime() - start) / 1e9;
        Adv.figure(String.format("mutation: %d inputs (%d deterministic: all 256 values at every byte, deletions, "
                        + "insertions, truncations, extensions, swaps) over %d originals x %d stanzas in %.1f s; accepted %d; "
                        + "exceptions %d; heap after GC %d KiB -> %d KiB; replay digests stored %d", tried, deterministic,
                originals.size(), stanzas.size(), secs, accepted, exceptions, heapBefore / 1024, heapAfter / 1024,
                store.size()));
        assertThat(acceptedExamples).as("accepted or thrown").isEmpty();
        assertThat(accepted).isZero();
        assertThat(exceptions).isZero();
        assertThat(store.size()).as("only the originals stored a digest").isEqualTo(originals.size());
        assertThat(heapAfter - heapBefore).as("heap growth in bytes").isLessThan(32L << 20);
    }

    /**
     * Regression (found by this corpus): an HMAC-less packet with {@code =} appended, or {@code =} plus more
     * characters, decoded to the same bytes under a new replay digest and was accepted again. Fixed in
     * {@code SpaBase64.isCanonicalNoPad} (any non-alphabet character makes the string non-canonical).
     */
    @Test
    void paddingAppendedToAnHmacLessPacketIsNotAReplayBypass() throws Exception {
        Files.writeString(dir.resolve("access.conf"), Adv.stanzaC("FW_ACCESS_TIMEOUT 30\n"));
        List<AccessStanza> stanzas = new AccessConfReader(FwknopdConf.defaults(), ZoneId.of("UTC"), u -> true)
                .read(dir.resolve("access.conf")).stanzas();
        SpaValidator validator = new SpaValidator(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC),
                new InMemoryDigestStore(), ValidatorSettings.DEFAULTS);
        String wire = Adv.encode(Adv.access("198.18.0.3", "tcp/22", NOW, 0), Adv.keysC(), DigestType.SHA256);
        assertThat(validator.validate(wire, SOURCE, SOURCE, stanzas).isAccepted()).isTrue();
        for (String tail : List.of("=", "==", "===", "====", "=A", "=AAAA", "=" + wire)) {
            assertThat(validator.validate(wire + tail, SOURCE, SOURCE, stanzas).isAccepted()).as("wire + %s", tail)
                    .isFalse();
        }
    }

    static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** Every position, every byte value 0..255 but the original. */
    static void substitutions(String o, Consumer<String> check) {
        char[] c = o.toCharArray();
        for (int i = 0; i < c.length; i++) {
            char orig = c[i];
            for (int v = 0; v < 256; v++) {
                if (v != orig) {
                    c[i] = (char) v;
                    check.accept(new String(c));
                }
            }
            c[i] = orig;
        }
    }

    /** Deletions, truncations, insertions and extensions. */
    static void structural(String o, Consumer<String> check) {
        for (int i = 0; i < o.length(); i++) {
            check.accept(o.substring(0, i) + o.substring(i + 1));
            check.accept(o.substring(0, i));
            for (char ins : new char[] {'A', '/', '+', '0', '=', ':', '\n', '\0'}) {
                check.accept(o.substring(0, i) + ins + o.substring(i));
            }
        }
        for (int v = 0; v < 256; v++) {
            check.accept(o + (char) v);
        }
        SplittableRandom r = new SplittableRandom(o.hashCode());
        StringBuilder tail = new StringBuilder();
        for (int k = 1; k <= 256; k++) {
            tail.append(B64.charAt(r.nextInt(64)));
            check.accept(o + tail);
        }
        check.accept(o + o);
        check.accept(o.repeat(8));
    }

    /** Field swaps between every ordered pair of packets. */
    static void swaps(List<String> originals, Consumer<String> check) {
        int[] macLengths = {0, HmacType.MD5.base64Length(), HmacType.SHA1.base64Length(), HmacType.SHA256.base64Length(),
                HmacType.SHA384.base64Length(), HmacType.SHA512.base64Length()};
        for (String x : originals) {
            for (String y : originals) {
                if (x.equals(y)) {
                    continue;
                }
                for (int lx : macLengths) {
                    for (int ly : macLengths) {
                        if (lx >= x.length() || ly >= y.length()) {
                            continue;
                        }
                        String ctX = x.substring(0, x.length() - lx);
                        String macY = y.substring(y.length() - ly);
                        check.accept(ctX + macY);
                    }
                }
                // salt of y, body of x; spliced halves at every 4-character (3-byte) boundary
                check.accept(y.substring(0, 12) + x.substring(12));
                for (int i = 4; i < Math.min(x.length(), y.length()); i += 4) {
                    check.accept(x.substring(0, i) + y.substring(i));
                }
                // a MAC over y's ciphertext with x's appended: the MAC verifies only for the original pairing
                String mac = SpaBase64.encodeNoPad(HmacType.SHA256.mac(
                        java.util.Base64.getDecoder().decode(Adv.HMAC_A),
                        ("U2FsdGVkX1" + y).getBytes(StandardCharsets.US_ASCII)));
                check.accept(x + mac);
            }
        }
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
