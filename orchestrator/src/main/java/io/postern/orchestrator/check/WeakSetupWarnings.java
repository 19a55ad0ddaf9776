package io.postern.orchestrator.check;

import io.postern.spa.config.AccessStanza;
import io.postern.spa.config.ConfigWarning;
import io.postern.spa.crypto.EncryptionMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Setups that load but are weaker than they look: a stanza without HMAC, {@code SOURCE ANY} without
 * {@code REQUIRE_SOURCE_ADDRESS}, legacy encryption mode, an MD5/SHA1 HMAC, and key-holding files that others may
 * read. (Insecure host keys and world-readable secret files of the inventory are the inventory's own warnings.)
 */
public final class WeakSetupWarnings {

    private static final Set<String> WEAK_HMACS = Set.of("md5", "sha1");

    private WeakSetupWarnings() {
    }

    /** The warnings for these stanzas, each located at the stanza's SOURCE line. */
    public static List<ConfigWarning> of(List<AccessStanza> stanzas) {
        List<ConfigWarning> out = new ArrayList<>();
        for (AccessStanza s : stanzas) {
            String name = "stanza SOURCE " + s.source().text().strip();
            if (s.hmacKey() == null) {
                out.add(warn(s, name + " has no HMAC key: packets are not authenticated before decryption "
                        + "(set HMAC_KEY_BASE64; postern keygen makes one)"));
            } else if (WEAK_HMACS.contains(s.hmacType().configName())) {
                out.add(warn(s, name + " uses HMAC_DIGEST_TYPE " + s.hmacType().configName()
                        + " (weak; use sha256 or stronger)"));
            }
            if (isAny(s) && !s.requireSourceAddress()) {
                out.add(warn(s, name + " without REQUIRE_SOURCE_ADDRESS: anyone with the keys can open access "
                        + "for any address, including 0.0.0.0 (set REQUIRE_SOURCE_ADDRESS Y)"));
            }
            if (s.encryptionMode() == EncryptionMode.LEGACY) {
                out.add(warn(s, name + " uses ENCRYPTION_MODE legacy (pre-2.5 fwknop clients; key cut to 16 bytes, "
                        + "no salt; use cbc)"));
            }
        }
        return out;
    }

    /** A warning when {@code file} (which holds keys) may be read by others; empty when not, or unknown. */
    public static Optional<ConfigWarning> worldReadable(Path file, String holds) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.OTHERS_READ)) {
                return Optional.of(new ConfigWarning(file, 0, "holds " + holds + " and is world-readable ("
                        + PosixFilePermissions.toString(perms) + "); chmod 600 it"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // unknown: no warning
        }
        return Optional.empty();
    }

    /** Whether the stanza's REQUIRE_SOURCE_ADDRESS warning from the reader is covered by ours. */
    static boolean coveredByAnySource(ConfigWarning w, List<AccessStanza> stanzas) {
        return w.message().startsWith("REQUIRE_SOURCE_ADDRESS not enabled") && stanzas.stream().anyMatch(s ->
                isAny(s) && s.file() != null && s.file().equals(w.file()) && s.line() == w.line());
    }

    private static boolean isAny(AccessStanza s) {
        for (String e : s.source().text().split(",")) {
            if (e.strip().equalsIgnoreCase("ANY")) {
                return true;
            }
        }
        return false;
    }

    private static ConfigWarning warn(AccessStanza s, String message) {
        return new ConfigWarning(s.file(), s.line(), message);
    }
}
