package io.postern.spa.gpg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The validity GnuPG cached in {@code trustdb.gpg}: 40-byte records, where a trust record (type 12)
 * holds a primary key's fingerprint, its owner trust and the first of a chain of validity records
 * (type 13, one per user ID). A key's validity is the best of its user IDs, or ultimate when its owner
 * trust is ultimate. This is what gpgme reports to fwknopd for the default "pgp" trust model.
 */
final class TrustDb {

    private static final int RECORD = 40;
    private static final int TRUST = 12;
    private static final int VALID = 13;

    private final Map<String, GpgValidity> byFingerprint;

    private TrustDb(Map<String, GpgValidity> byFingerprint) {
        this.byFingerprint = Map.copyOf(byFingerprint);
    }

    /** An empty database: every key is of unknown validity. */
    static TrustDb empty() {
        return new TrustDb(Map.of());
    }

    static TrustDb read(Path file) throws IOException {
        byte[] db = Files.readAllBytes(file);
        int records = db.length / RECORD;
        Map<String, GpgValidity> out = new HashMap<>();
        for (int r = 0; r < records; r++) {
            int off = r * RECORD;
            if ((db[off] & 0xff) != TRUST) {
                continue;
            }
            String fpr = HexFormat.of().withUpperCase().formatHex(db, off + 2, off + 22);
            GpgValidity best = GpgValidity.fromTrustDb(db[off + 22]) == GpgValidity.ULTIMATE
                    ? GpgValidity.ULTIMATE : GpgValidity.UNKNOWN;
            int next = readInt(db, off + 26);
            for (int guard = 0; next > 0 && next < records && guard < records; guard++) {
                int v = next * RECORD;
                if ((db[v] & 0xff) != VALID) {
                    break;
                }
                GpgValidity uid = GpgValidity.fromTrustDb(db[v + 22]);
                if (uid.compareTo(best) > 0) {
                    best = uid;
                }
                next = readInt(db, v + 23);
            }
            out.put(fpr, best);
        }
        return new TrustDb(out);
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    GpgValidity validity(String primaryFingerprint) {
        return byFingerprint.getOrDefault(primaryFingerprint.toUpperCase(Locale.ROOT), GpgValidity.UNKNOWN);
    }
}
