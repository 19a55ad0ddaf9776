package io.postern.it.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.postern.spa.codec.DecodeResult;
import io.postern.spa.codec.SpaDecoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.testing.SharedVectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Coverage-guided fuzzing of {@link SpaDecoder#decode} under the keys of every fwknop 2.6.10 mode vector
 * (seeds: their wire strings, in {@code SpaDecoderFuzzITInputs/decode/}). Proves: the decoder never throws,
 * and it never accepts a packet that is not one of the real client's packets (no forged accept).
 */
class SpaDecoderFuzzIT {

    static final List<SpaKeys> KEYS = new ArrayList<>();
    static final Set<String> VALID = new HashSet<>();

    static {
        for (SharedVectors.ModeVector v : SharedVectors.modeVectors()) {
            KEYS.add(v.keys());
            VALID.add(v.wire());
        }
    }

    @FuzzTest(maxDuration = "10m")
    void decode(byte[] data) {
        check(data);
    }

    /** The property, shared with the standalone campaign ({@link FuzzCampaignIT}). */
    static void check(byte[] data) {
        String wire = new String(data, StandardCharsets.ISO_8859_1);
        for (SpaKeys k : KEYS) {
            DecodeResult r = SpaDecoder.decode(wire, k);
            if (r.isAccepted() && !VALID.contains(wire)) {
                throw new AssertionError("forged packet accepted: " + wire);
            }
        }
    }

    /** Entry point of the standalone Jazzer driver. */
    public static void fuzzerTestOneInput(byte[] data) {
        check(data);
    }
}
