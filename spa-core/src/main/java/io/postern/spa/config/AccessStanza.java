package io.postern.spa.config;

import io.postern.spa.ProtoPort;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import io.postern.spa.gpg.GpgKeys;
import io.postern.spa.gpg.GpgReceiver;
import io.postern.spa.gpg.SignatureRules;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One access.conf stanza after fwknopd 2.6.10's loading rules (defaults applied, legacy key cut to
 * 16 bytes, lists parsed). It is what the validator matches packets against and what a grant is
 * built from, so every directive fwknopd knows is here, plus Postern's {@code TARGETS}.
 *
 * @param file                 file where the stanza's SOURCE line is
 * @param line                 line of that SOURCE
 * @param source               SOURCE
 * @param destination          DESTINATION, or null when unset (any destination)
 * @param openPorts            OPEN_PORTS, empty when unset
 * @param restrictPorts        RESTRICT_PORTS, empty when unset
 * @param key                  the Rijndael key (KEY or KEY_BASE64, whichever came last), or null
 * @param keyFromBase64        whether {@link #key} came from KEY_BASE64
 * @param hmacKey              the HMAC key (HMAC_KEY or HMAC_KEY_BASE64), or null
 * @param hmacKeyFromBase64    whether {@link #hmacKey} came from HMAC_KEY_BASE64
 * @param hmacType             HMAC_DIGEST_TYPE (sha256 by default)
 * @param encryptionMode       ENCRYPTION_MODE (cbc by default)
 * @param fwAccessTimeout      FW_ACCESS_TIMEOUT seconds (30 by default)
 * @param maxFwTimeout         MAX_FW_TIMEOUT seconds (300 by default)
 * @param accessExpire         ACCESS_EXPIRE / ACCESS_EXPIRE_EPOCH, or null
 * @param requireUsername      REQUIRE_USERNAME (exact, trailing whitespace kept as 2.6.10 does), or null
 * @param requireSourceAddress REQUIRE_SOURCE_ADDRESS / REQUIRE_SOURCE
 * @param commandExec          ENABLE_CMD_EXEC and friends
 * @param commandCycle         CMD_CYCLE_*, or null
 * @param gpg                  GPG_* directives
 * @param nat                  FORCE_NAT and friends
 * @param targets              Postern's TARGETS (inventory groups or hosts), empty when unset
 */
public record AccessStanza(
        Path file,
        int line,
        AddressList source,
        AddressList destination,
        List<ProtoPort> openPorts,
        List<ProtoPort> restrictPorts,
        KeyMaterial key,
        boolean keyFromBase64,
        KeyMaterial hmacKey,
        boolean hmacKeyFromBase64,
        HmacType hmacType,
        EncryptionMode encryptionMode,
        int fwAccessTimeout,
        int maxFwTimeout,
        Instant accessExpire,
        String requireUsername,
        boolean requireSourceAddress,
        CommandExec commandExec,
        CommandCycle commandCycle,
        GpgSettings gpg,
        ForcedNat nat,
        List<String> targets) {

    /** fwknopd's {@code DEF_FW_ACCESS_TIMEOUT}. */
    public static final int DEFAULT_FW_ACCESS_TIMEOUT = 30;
    /** fwknopd's {@code DEF_MAX_FW_TIMEOUT}. */
    public static final int DEFAULT_MAX_FW_TIMEOUT = 300;

    public AccessStanza {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(hmacType, "hmacType");
        Objects.requireNonNull(encryptionMode, "encryptionMode");
        Objects.requireNonNull(commandExec, "commandExec");
        Objects.requireNonNull(gpg, "gpg");
        Objects.requireNonNull(nat, "nat");
        openPorts = List.copyOf(openPorts);
        restrictPorts = List.copyOf(restrictPorts);
        targets = List.copyOf(targets);
    }

    /** Whether the stanza has a usable Rijndael key. */
    public boolean hasRijndaelKey() {
        return key != null && key.length() > 0;
    }

    /** Whether the stanza runs CMD_CYCLE commands (and so skips the port checks, as fwknopd). */
    public boolean isCommandCycle() {
        return commandCycle != null;
    }

    /** Whether the stanza has expired at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return accessExpire != null && now.isAfter(accessExpire);
    }

    /**
     * The codec keys for this stanza: its key, HMAC key and type, mode, and Rijndael at any length
     * when ENABLE_CMD_EXEC is on (as fwknopd's {@code handle_rijndael_enc}). A stanza without a
     * Rijndael key (GPG only) gets an empty key in {@link EncryptionMode#ASYMMETRIC} mode. A stanza with
     * GPG_DECRYPT_PW or GPG_ALLOW_NO_PW also gets its GPG keys (GPG_HOME_DIR, GPG_DECRYPT_ID and the
     * signature rules), read once and shared by every call.
     */
    public SpaKeys spaKeys() {
        GpgKeys g = gpg.enabled() ? GpgKeys.receiving(GpgReceiver.shared(
                Path.of(gpg.homeDir() != null ? gpg.homeDir() : DEFAULT_GPG_HOME_DIR), gpg.decryptId(),
                gpg.decryptPassphrase(), new SignatureRules(gpg.requireSig(), gpg.ignoreSigVerifyError(),
                        gpg.remoteIds(), gpg.fingerprintIds()))) : null;
        if (!hasRijndaelKey()) {
            return new SpaKeys(KeyMaterial.ofBytes(new byte[0]), hmacKey, hmacType, EncryptionMode.ASYMMETRIC, false, g);
        }
        return new SpaKeys(key, hmacKey, hmacType, encryptionMode, commandExec.enabled(), g);
    }

    /** fwknopd's compiled-in GPG_HOME_DIR. */
    private static final String DEFAULT_GPG_HOME_DIR = "/root/.gnupg";

    /** "SOURCE value (file:line)", the way logs name a stanza. */
    public String describe() {
        return "SOURCE " + source.text() + " (" + file + ":" + line + ")";
    }

    @Override
    public String toString() {
        return "AccessStanza[" + describe()
                + ", destination=" + destination
                + ", openPorts=" + openPorts
                + ", restrictPorts=" + restrictPorts
                + ", key=" + (key == null ? "<not set>" : "<masked>")
                + ", hmacKey=" + (hmacKey == null ? "<not set>" : "<masked>")
                + ", hmacType=" + hmacType.configName()
                + ", encryptionMode=" + encryptionMode.configName()
                + ", fwAccessTimeout=" + fwAccessTimeout
                + ", maxFwTimeout=" + maxFwTimeout
                + ", accessExpire=" + accessExpire
                + ", requireUsername=" + requireUsername
                + ", requireSourceAddress=" + requireSourceAddress
                + ", commandExec=" + commandExec
                + ", commandCycle=" + commandCycle
                + ", gpg=" + (gpg.enabled() ? "<configured, passphrase masked>" : "<not set>")
                + ", nat=" + nat
                + ", targets=" + targets + "]";
    }
}
