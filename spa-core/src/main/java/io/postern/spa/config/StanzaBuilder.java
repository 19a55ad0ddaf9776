package io.postern.spa.config;

import io.postern.spa.MessageRules;
import io.postern.spa.ProtoPort;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.KeyMaterial;
import io.postern.spa.crypto.SpaBase64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One stanza while access.conf is being read: fwknopd's {@code add_acc_*} functions (one method per
 * directive, checks that fwknopd makes at the line are made here), {@code acc_data_is_valid} and,
 * once every file is read, {@code expand_acc_ent_lists} and {@code set_acc_defaults}.
 */
final class StanzaBuilder {

    /** Directives {@code %include_keys} reads; every other name in a keys file is ignored. */
    static final Set<String> KEY_DIRECTIVES = Set.of("KEY", "KEY_BASE64", "HMAC_KEY", "HMAC_KEY_BASE64",
            "GPG_DECRYPT_ID", "GPG_DECRYPT_PW", "GPG_ALLOW_NO_PW", "GPG_REQUIRE_SIG", "GPG_DISABLE_SIG",
            "GPG_IGNORE_SIG_VERIFY_ERROR", "GPG_REMOTE_ID", "GPG_FINGERPRINT_ID");

    /** fwknopd's {@code RCHK_MAX_FW_TIMEOUT} and {@code RCHK_MAX_CMD_CYCLE_TIMER} ({@code 2 << 22}). */
    static final int MAX_TIMEOUT = 2 << 22;
    /** fwknopd's {@code CMD_CYCLE_BUFSIZE}. */
    static final int CMD_CYCLE_BUFSIZE = 256;

    private final AccessConfReader.Context ctx;
    final Path file;
    final int line;
    private final String source;
    private String destination;
    private int destinationLine;
    private String openPorts;
    private int openPortsLine;
    private String restrictPorts;
    private int restrictPortsLine;
    private byte[] key;
    private boolean keyFromBase64;
    private byte[] hmacKey;
    private boolean hmacKeyFromBase64;
    private HmacType hmacType;
    private EncryptionMode mode;
    private int fwAccessTimeout;
    private int maxFwTimeout;
    private Instant accessExpire;
    private String requireUsername;
    private boolean requireSourceAddress;
    private boolean cmdExec;
    private boolean cmdSudoExec;
    private String cmdExecUser;
    private String cmdExecGroup;
    private String cmdSudoExecUser;
    private String cmdSudoExecGroup;
    private String cycleOpen;
    private String cycleClose;
    private int cycleTimer;
    private String gpgHomeDir;
    private String gpgExe;
    private String gpgDecryptId;
    private String gpgDecryptPw;
    private boolean gpgAllowNoPw;
    private boolean gpgRequireSig;
    private boolean gpgDisableSig;
    private boolean gpgIgnoreSigError;
    private String gpgRemoteIds;
    private String gpgFingerprints;
    private String forceNatIp;
    private int forceNatPort;
    private String forceSnatIp;
    private boolean forceSnat;
    private boolean forceMasquerade;
    private boolean disableDnat;
    private boolean forwardAll;
    private List<String> targets = List.of();

    StanzaBuilder(AccessConfReader.Context ctx, Path file, int line, String source) {
        this.ctx = ctx;
        this.file = file;
        this.line = line;
        this.source = source;
    }

    /**
     * Applies one directive read at {@code file:lineNo}. Returns false for a name fwknopd does not
     * know (the caller warns).
     */
    boolean apply(String name, String value, Path at, int lineNo) throws ConfigException {
        switch (name) {
            case "DESTINATION" -> {
                destination = value;
                destinationLine = lineNo;
            }
            case "OPEN_PORTS" -> {
                openPorts = value;
                openPortsLine = lineNo;
            }
            case "RESTRICT_PORTS" -> {
                restrictPorts = value;
                restrictPortsLine = lineNo;
            }
            case "KEY" -> {
                notPlaceholder(name, value, at, lineNo);
                key = value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                keyFromBase64 = false;
            }
            case "KEY_BASE64" -> {
                key = base64Key(name, value, at, lineNo);
                keyFromBase64 = true;
            }
            case "HMAC_KEY" -> {
                notPlaceholder(name, value, at, lineNo);
                hmacKey = value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                hmacKeyFromBase64 = false;
            }
            case "HMAC_KEY_BASE64" -> {
                hmacKey = base64Key(name, value, at, lineNo);
                hmacKeyFromBase64 = true;
            }
            case "HMAC_DIGEST_TYPE" -> hmacType = exactName(HmacType.values(), value, name, at, lineNo);
            case "ENCRYPTION_MODE" -> mode = exactName(EncryptionMode.values(), value, name, at, lineNo);
            case "FW_ACCESS_TIMEOUT" -> fwAccessTimeout = range(name, value, 0, MAX_TIMEOUT, at, lineNo);
            case "MAX_FW_TIMEOUT" -> maxFwTimeout = range(name, value, 0, MAX_TIMEOUT, at, lineNo);
            case "ENABLE_CMD_EXEC" -> cmdExec = yes(value);
            case "ENABLE_CMD_SUDO_EXEC" -> cmdSudoExec = yes(value);
            case "CMD_EXEC_USER" -> cmdExecUser = account(name, value, at, lineNo);
            case "CMD_EXEC_GROUP" -> cmdExecGroup = account(name, value, at, lineNo);
            case "CMD_SUDO_EXEC_USER" -> cmdSudoExecUser = account(name, value, at, lineNo);
            case "CMD_SUDO_EXEC_GROUP" -> cmdSudoExecGroup = account(name, value, at, lineNo);
            case "CMD_CYCLE_OPEN" -> cycleOpen = value;
            case "CMD_CYCLE_CLOSE" -> cycleClose = value;
            case "CMD_CYCLE_TIMER" -> cycleTimer = range(name, value, 1, MAX_TIMEOUT, at, lineNo);
            case "REQUIRE_USERNAME" -> requireUsername = value;
            case "REQUIRE_SOURCE_ADDRESS", "REQUIRE_SOURCE" -> requireSourceAddress = yes(value);
            case "GPG_HOME_DIR" -> {
                if (!Files.isDirectory(Path.of(value))) {
                    throw new ConfigException(at, lineNo, name, value, "an existing directory");
                }
                gpgHomeDir = value;
            }
            case "GPG_EXE" -> gpgExe = value;
            case "GPG_DECRYPT_ID" -> gpgDecryptId = value;
            case "GPG_DECRYPT_PW" -> {
                notPlaceholder(name, value, at, lineNo);
                gpgDecryptPw = value;
            }
            case "GPG_ALLOW_NO_PW" -> {
                gpgAllowNoPw = yes(value);
                if (gpgAllowNoPw) {
                    gpgDecryptPw = "";
                }
            }
            case "GPG_REQUIRE_SIG" -> gpgRequireSig = yes(value);
            case "GPG_DISABLE_SIG" -> gpgDisableSig = yes(value);
            case "GPG_IGNORE_SIG_VERIFY_ERROR" -> gpgIgnoreSigError = yes(value);
            case "GPG_REMOTE_ID" -> gpgRemoteIds = value;
            case "GPG_FINGERPRINT_ID" -> gpgFingerprints = value;
            case "ACCESS_EXPIRE" -> accessExpire = expireDate(name, value, at, lineNo);
            case "ACCESS_EXPIRE_EPOCH" -> accessExpire = expireEpoch(name, value, at, lineNo);
            case "FORCE_NAT" -> forceNat(name, value, at, lineNo);
            case "FORCE_SNAT" -> forceSnat(name, value, at, lineNo);
            case "FORCE_MASQUERADE" -> {
                forceMasquerade = yes(value);
                forceSnat = forceMasquerade;
            }
            case "DISABLE_DNAT" -> disableDnat = yes(value);
            case "FORWARD_ALL" -> forwardAll = yes(value);
            case "TARGETS" -> targets = targetList(name, value, at, lineNo);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** fwknopd's {@code add_acc_bool}: true when the first character is Y or y. */
    static boolean yes(String value) {
        return !value.isEmpty() && (value.charAt(0) == 'Y' || value.charAt(0) == 'y');
    }

    private static void notPlaceholder(String name, String value, Path at, int lineNo) throws ConfigException {
        if (value.equalsIgnoreCase("__CHANGEME__")) {
            throw new ConfigException(at, lineNo, name, null, "a real key, not the __CHANGEME__ placeholder");
        }
    }

    private static byte[] base64Key(String name, String value, Path at, int lineNo) throws ConfigException {
        notPlaceholder(name, value, at, lineNo);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!SpaBase64.isBase64Char(c) && c != '=') {
                throw new ConfigException(at, lineNo, name, null,
                        "base64 data (character " + (i + 1) + " is not in [A-Za-z0-9+/=])");
            }
        }
        byte[] decoded = SpaBase64.decodeLenient(value);
        if (decoded == null) {
            throw new ConfigException(at, lineNo, name, null, "valid base64 data");
        }
        return decoded;
    }

    /** fwknop's {@code strcasecmp} against the config names: no trimming ({@code "CTR "} fails). */
    private static <E extends Enum<E>> E exactName(E[] values, String value, String name, Path at, int lineNo)
            throws ConfigException {
        String v = value.toLowerCase(Locale.ROOT);
        for (E e : values) {
            String cfg = e instanceof HmacType h ? h.configName() : ((EncryptionMode) e).configName();
            if (cfg.equals(v)) {
                return e;
            }
        }
        String expected = values instanceof HmacType[]
                ? "one of md5, sha1, sha256, sha384, sha512, sha3_256, sha3_512"
                : "one of CBC, ECB, CFB, OFB, CTR, legacy, Asymmetric";
        throw new ConfigException(at, lineNo, name, value, expected);
    }

    private static int range(String name, String value, int min, int max, Path at, int lineNo)
            throws ConfigException {
        Integer v = CNumbers.inRange(value, min, max);
        if (v == null) {
            throw new ConfigException(at, lineNo, name, value, "a number in " + min + ".." + max);
        }
        return v;
    }

    private String account(String name, String value, Path at, int lineNo) throws ConfigException {
        if (!ctx.userExists().test(value)) {
            throw new ConfigException(at, lineNo, name, value, "a user name that exists on this system");
        }
        return value;
    }

    /** {@code sscanf(val, "%2d/%2d/%4d")} then {@code mktime} at local midnight, as fwknopd. */
    private Instant expireDate(String name, String value, Path at, int lineNo) throws ConfigException {
        int[] pos = {0};
        Integer mon = scanInt(value, pos, 2);
        Integer day = mon != null && literal(value, pos, '/') ? scanInt(value, pos, 2) : null;
        Integer year = day != null && literal(value, pos, '/') ? scanInt(value, pos, 4) : null;
        if (year == null) {
            throw new ConfigException(at, lineNo, name, value, "MM/DD/YYYY");
        }
        int tmMon = mon > 0 ? mon - 1 : mon;
        int tmYear = year > 1900 ? year - 1900 : year < 100 ? year + 100 : year;
        // mktime normalises out-of-range fields; plusMonths/plusDays do the same
        return java.time.LocalDate.of(1900 + tmYear, 1, 1).plusMonths(tmMon).plusDays(day - 1L)
                .atStartOfDay(ctx.zone()).toInstant();
    }

    private static Integer scanInt(String s, int[] pos, int width) {
        int i = pos[0];
        while (i < s.length() && FwknopLines.isSpace(s.charAt(i))) {
            i++;
        }
        int start = i;
        int end = Math.min(s.length(), i + width);
        if (i < end && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digitsStart = i;
        while (i < end && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digitsStart) {
            return null;
        }
        pos[0] = i;
        return Integer.parseInt(s.substring(start, i).replace("+", ""));
    }

    private static boolean literal(String s, int[] pos, char c) {
        if (pos[0] < s.length() && s.charAt(pos[0]) == c) {
            pos[0]++;
            return true;
        }
        return false;
    }

    /** {@code strtoul}: digits up to the first non-digit; no digits is 0, which means "not set". */
    private static Instant expireEpoch(String name, String value, Path at, int lineNo) throws ConfigException {
        String s = value.stripLeading();
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return null;
        }
        try {
            long v = Long.parseLong(s.substring(0, i));
            return v == 0 ? null : Instant.ofEpochSecond(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(at, lineNo, name, value, "epoch seconds");
        }
    }

    private void forceNat(String name, String value, Path at, int lineNo) throws ConfigException {
        requireNatEnabled(name, at, lineNo);
        String[] parts = value.strip().split("\\s+");
        Integer port = parts.length >= 2 && parts[1].matches("[0-9]{1,5}.*")
                ? Integer.valueOf(parts[1].replaceAll("^([0-9]{1,5}).*", "$1")) : null;
        if (parts[0].length() > 15 || port == null) {
            throw new ConfigException(at, lineNo, name, value, "<IP> <PORT>");
        }
        if (port > 65535) {
            throw new ConfigException(at, lineNo, name, value, "a port in 0..65535");
        }
        if (!MessageRules.isDottedQuad(parts[0])) {
            throw new ConfigException(at, lineNo, name, value, "an IPv4 address and a port");
        }
        forceNatIp = parts[0];
        forceNatPort = port;
    }

    private void forceSnat(String name, String value, Path at, int lineNo) throws ConfigException {
        requireNatEnabled(name, at, lineNo);
        String ip = value.strip().split("\\s+")[0];
        if (ip.length() > 15 || !MessageRules.isDottedQuad(ip)) {
            throw new ConfigException(at, lineNo, name, value, "an IPv4 address");
        }
        forceSnatIp = ip;
        forceSnat = true;
    }

    private void requireNatEnabled(String name, Path at, int lineNo) throws ConfigException {
        if (!ctx.server().iptForwarding() && !ctx.server().iptLocalNat()) {
            throw new ConfigException(at, lineNo, name, null,
                    "ENABLE_IPT_FORWARDING or ENABLE_IPT_LOCAL_NAT set in fwknopd.conf");
        }
    }

    private static List<String> targetList(String name, String value, Path at, int lineNo) throws ConfigException {
        List<String> out = new ArrayList<>();
        for (String t : value.split(",", -1)) {
            String s = t.strip();
            if (s.isEmpty() || !s.matches("[A-Za-z0-9_.:@-]+")) {
                throw new ConfigException(at, lineNo, name, value,
                        "comma-separated inventory group or host names ([A-Za-z0-9_.:@-])");
            }
            out.add(s);
        }
        return out;
    }

    /**
     * fwknopd's {@code acc_data_is_valid}: run at the next SOURCE, at the end of the file, and right
     * after {@code %include_keys}. Cuts a legacy-mode key to 16 bytes and fills FORCE_NAT for
     * FORWARD_ALL, as fwknopd does.
     */
    void checkValid(List<ConfigWarning> warnings) throws ConfigException {
        boolean useRijndael = key != null;
        boolean useGpg = gpgDecryptPw != null;
        boolean noKey = key == null || key.length == 0;
        boolean noGpg = (gpgDecryptPw == null || gpgDecryptPw.isEmpty()) && !gpgAllowNoPw;
        if ((noKey && noGpg) || (!useRijndael && !useGpg && !gpgAllowNoPw)) {
            throw new ConfigException(file, line, "SOURCE", source,
                    "a key in the stanza (KEY, KEY_BASE64, GPG_DECRYPT_PW or GPG_ALLOW_NO_PW)");
        }
        if (key != null && mode == EncryptionMode.LEGACY && key.length > 16) {
            key = Arrays.copyOf(key, 16);
            warnings.add(new ConfigWarning(file, line, "truncating encryption key in legacy mode to 16 bytes"
                    + " for stanza SOURCE " + source));
        }
        if (hmacKey != null && hmacKey.length > 0) {
            if (!noKey && key.length == hmacKey.length) {
                if (java.security.MessageDigest.isEqual(key, hmacKey)) {
                    throw new ConfigException(file, line, "HMAC_KEY", null, "an HMAC key different from the encryption key");
                }
            } else if (!gpgAllowNoPw && gpgDecryptPw != null && gpgDecryptPw.length() == hmacKey.length
                    && Arrays.equals(gpgDecryptPw.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), hmacKey)) {
                throw new ConfigException(file, line, "HMAC_KEY", null, "an HMAC key different from GPG_DECRYPT_PW");
            }
        }
        if (forceSnat && forceNatIp == null) {
            if (forwardAll) {
                forceNatIp = "0.0.0.0";
                forceNatPort = 0;
            } else {
                throw new ConfigException(file, line, "FORCE_SNAT", null, "FORCE_NAT or FORWARD_ALL in the same stanza"
                        + " (also needed by FORCE_MASQUERADE)");
            }
        }
        checkCommandCycle();
    }

    private void checkCommandCycle() throws ConfigException {
        if (cycleOpen != null) {
            if (cycleClose == null) {
                throw new ConfigException(file, line, "CMD_CYCLE_OPEN", null, "CMD_CYCLE_CLOSE in the same stanza");
            }
            if (cycleTimer == 0 && !cycleClose.startsWith("NONE")) {
                throw new ConfigException(file, line, "CMD_CYCLE_TIMER", null,
                        "a CMD_CYCLE_TIMER when CMD_CYCLE_CLOSE is not NONE");
            }
            if (cycleOpen.length() >= CMD_CYCLE_BUFSIZE) {
                throw new ConfigException(file, line, "CMD_CYCLE_OPEN", null, "a command under 256 characters");
            }
        }
        if (cycleClose != null) {
            if (cycleOpen == null) {
                throw new ConfigException(file, line, "CMD_CYCLE_CLOSE", null, "CMD_CYCLE_OPEN in the same stanza");
            }
            if (cycleClose.length() >= CMD_CYCLE_BUFSIZE) {
                throw new ConfigException(file, line, "CMD_CYCLE_CLOSE", null, "a command under 256 characters");
            }
        }
    }

    /**
     * After every file is read: expands the lists ({@code expand_acc_ent_lists}), applies defaults and
     * the GPG signature rule ({@code set_acc_defaults}), and seals the stanza.
     */
    AccessStanza build(List<ConfigWarning> warnings) throws ConfigException {
        AddressList src = addresses("SOURCE", source, file, line);
        AddressList dst = destination == null ? null : addresses("DESTINATION", destination, file, destinationLine);
        List<ProtoPort> open = ports("OPEN_PORTS", openPorts, openPortsLine);
        List<ProtoPort> restrict = ports("RESTRICT_PORTS", restrictPorts, restrictPortsLine);
        int fwTimeout = fwAccessTimeout < 1 ? AccessStanza.DEFAULT_FW_ACCESS_TIMEOUT : fwAccessTimeout;
        int maxTimeout = maxFwTimeout < 1 ? AccessStanza.DEFAULT_MAX_FW_TIMEOUT : maxFwTimeout;
        if (maxTimeout < fwTimeout) {
            warnings.add(new ConfigWarning(file, line, "MAX_FW_TIMEOUT < FW_ACCESS_TIMEOUT for stanza SOURCE "
                    + source + "; FW_ACCESS_TIMEOUT is still used when the client sends no timeout"));
        }
        if (!requireSourceAddress) {
            warnings.add(new ConfigWarning(file, line, "REQUIRE_SOURCE_ADDRESS not enabled for stanza SOURCE " + source));
        }
        return new AccessStanza(file, line, src, dst, open, restrict,
                key == null ? null : KeyMaterial.ofBytes(key), keyFromBase64,
                hmacKey == null || hmacKey.length == 0 ? null : KeyMaterial.ofBytes(hmacKey), hmacKeyFromBase64,
                hmacType == null ? HmacType.SHA256 : hmacType,
                mode == null ? EncryptionMode.CBC : mode,
                fwTimeout, maxTimeout, accessExpire, requireUsername, requireSourceAddress,
                cmdExec || cmdSudoExec || cmdExecUser != null || cmdExecGroup != null
                        || cmdSudoExecUser != null || cmdSudoExecGroup != null
                        ? new CommandExec(cmdExec, cmdSudoExec, cmdExecUser, cmdExecGroup, cmdSudoExecUser, cmdSudoExecGroup)
                        : CommandExec.DISABLED,
                cycleOpen == null ? null : new CommandCycle(cycleOpen, cycleClose, cycleTimer),
                gpg(warnings),
                forceNatIp == null && !forceSnat && !forceMasquerade && !disableDnat && !forwardAll ? ForcedNat.NONE
                        : new ForcedNat(forceNatIp, forceNatPort, forceSnatIp, forceSnat, forceMasquerade, disableDnat, forwardAll),
                targets);
    }

    private GpgSettings gpg(List<ConfigWarning> warnings) throws ConfigException {
        boolean requireSig = gpgRequireSig;
        String home = gpgHomeDir;
        if (gpgDecryptPw != null) {
            if (home == null) {
                home = ctx.server().gpgHomeDir();
            }
            if (!requireSig) {
                if (gpgDisableSig) {
                    warnings.add(new ConfigWarning(file, line, "GPG_REQUIRE_SIG should really be enabled for stanza SOURCE " + source));
                } else {
                    requireSig = true;
                }
            }
            if (!gpgDisableSig && gpgRemoteIds == null && gpgFingerprints == null) {
                throw new ConfigException(file, line, "GPG_REMOTE_ID", null,
                        "GPG_REMOTE_ID or GPG_FINGERPRINT_ID when signatures are checked (or GPG_DISABLE_SIG Y)");
            }
        }
        if (gpgDecryptPw == null && gpgDecryptId == null && gpgHomeDir == null && gpgExe == null
                && gpgRemoteIds == null && gpgFingerprints == null && !gpgRequireSig && !gpgDisableSig
                && !gpgIgnoreSigError) {
            return GpgSettings.NONE;
        }
        return new GpgSettings(home, gpgExe, gpgDecryptId,
                gpgDecryptPw == null ? null : KeyMaterial.ofPassphrase(gpgDecryptPw), gpgAllowNoPw, requireSig,
                gpgDisableSig, gpgIgnoreSigError, stringList(gpgRemoteIds), stringList(gpgFingerprints));
    }

    private static List<String> stringList(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : value.split(",", -1)) {
            out.add(s.stripLeading());
        }
        return out;
    }

    private static AddressList addresses(String name, String value, Path at, int lineNo) throws ConfigException {
        try {
            return AddressList.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at, lineNo, name, value,
                    "ANY, a.b.c.d, a.b.c.d/NN (NN 1..32) or a.b.c.d/m.m.m.m, comma-separated: " + e.getMessage());
        }
    }

    private List<ProtoPort> ports(String name, String value, int lineNo) throws ConfigException {
        if (value == null) {
            return List.of();
        }
        try {
            return PortListParser.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, lineNo, name, value, "tcp/N or udp/N, comma-separated: " + e.getMessage());
        }
    }
}
