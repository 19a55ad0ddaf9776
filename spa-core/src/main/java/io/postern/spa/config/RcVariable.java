package io.postern.spa.config;

import io.postern.spa.MessageRules;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.crypto.EncryptionMode;
import io.postern.spa.crypto.HmacType;
import io.postern.spa.crypto.SpaBase64;
import java.util.Locale;

/**
 * Every variable name the fwknop 2.6.10 client knows in {@code ~/.fwknoprc} ({@code fko_var_array} in
 * {@code client/config_init.c}), each with the check {@code parse_rc_param} applies to its value. A
 * value that fails its check is as fatal as an unknown name. Names are case-sensitive, as in fwknop.
 */
public enum RcVariable {
    DIGEST_TYPE(Kind.DIGEST),
    SPA_SERVER_PROTO(Kind.PROTO),
    SPA_SERVER_PORT(Kind.PORT),
    SPA_SOURCE_PORT(Kind.PORT),
    FW_TIMEOUT(Kind.TIMEOUT),
    /** An IPv4 address, {@code source} (0.0.0.0) or {@code resolve}; Postern also takes an IPv6 literal. */
    ALLOW_IP(Kind.ALLOW_IP),
    /** Seconds, or N with an m/h/d suffix; a leading {@code -} means minus. */
    TIME_OFFSET(Kind.TIME_OFFSET),
    ENCRYPTION_MODE(Kind.MODE),
    USE_GPG(Kind.BOOLEAN),
    USE_GPG_AGENT(Kind.BOOLEAN),
    GPG_RECIPIENT(Kind.TEXT),
    GPG_SIGNER(Kind.TEXT),
    GPG_HOMEDIR(Kind.TEXT),
    GPG_EXE(Kind.TEXT),
    GPG_SIGNING_PW(Kind.SECRET),
    GPG_SIGNING_PW_BASE64(Kind.SECRET_BASE64),
    GPG_NO_SIGNING_PW(Kind.BOOLEAN),
    SPOOF_USER(Kind.TEXT),
    SPOOF_SOURCE_IP(Kind.TEXT),
    ACCESS(Kind.TEXT),
    SPA_SERVER(Kind.TEXT),
    RAND_PORT(Kind.BOOLEAN),
    KEY(Kind.SECRET),
    KEY_BASE64(Kind.SECRET_BASE64),
    HMAC_DIGEST_TYPE(Kind.HMAC),
    HMAC_KEY_BASE64(Kind.SECRET_BASE64),
    HMAC_KEY(Kind.SECRET),
    USE_HMAC(Kind.BOOLEAN),
    USE_WGET_USER_AGENT(Kind.BOOLEAN),
    KEY_FILE(Kind.TEXT),
    HMAC_KEY_FILE(Kind.TEXT),
    NAT_ACCESS(Kind.TEXT),
    HTTP_USER_AGENT(Kind.TEXT),
    RESOLVE_URL(Kind.TEXT),
    SERVER_RESOLVE_IPV4(Kind.BOOLEAN),
    NAT_LOCAL(Kind.BOOLEAN),
    NAT_RAND_PORT(Kind.BOOLEAN),
    NAT_PORT(Kind.PORT),
    /** {@code Y} or a level 0..4. */
    VERBOSE(Kind.VERBOSE),
    RESOLVE_IP_HTTP(Kind.BOOLEAN),
    RESOLVE_IP_HTTPS(Kind.BOOLEAN),
    RESOLVE_HTTP_ONLY(Kind.BOOLEAN),
    WGET_CMD(Kind.TEXT),
    NO_SAVE_ARGS(Kind.BOOLEAN);

    /** What a value must look like. */
    enum Kind {
        TEXT, SECRET, SECRET_BASE64, BOOLEAN, DIGEST, HMAC, MODE, PROTO, PORT, TIMEOUT, ALLOW_IP, TIME_OFFSET,
        VERBOSE
    }

    /** Largest client timeout fwknop's rc parser takes ({@code 2 << 15}). */
    static final int MAX_TIMEOUT = 65536;

    private final Kind kind;

    RcVariable(Kind kind) {
        this.kind = kind;
    }

    /** Whether the value is a key or password, which never appears in a message. */
    public boolean isSecret() {
        return kind == Kind.SECRET || kind == Kind.SECRET_BASE64;
    }

    /** Whether the value is a boolean, true only for exactly {@code Y} or {@code y}. */
    public boolean isBoolean() {
        return kind == Kind.BOOLEAN;
    }

    /** The variable with this exact (case-sensitive) name, or null. */
    public static RcVariable forName(String name) {
        for (RcVariable v : values()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }

    /** Checks a value as {@code parse_rc_param} does; returns null if fine, else what was expected. */
    String check(String value) {
        switch (kind) {
            case DIGEST:
                return accepts(() -> DigestType.fromName(value), "md5, sha1, sha256, sha384, sha512, sha3_256, sha3_512");
            case HMAC:
                return accepts(() -> HmacType.fromName(value), "md5, sha1, sha256, sha384, sha512, sha3_256, sha3_512");
            case MODE:
                return accepts(() -> EncryptionMode.fromName(value), "cbc, ecb, cfb, ofb, ctr, legacy, asymmetric");
            case PROTO:
                return value.toLowerCase(Locale.ROOT).matches("udp|udpraw|tcp|tcpraw|http|icmp")
                        ? null : "udp, tcp, http, udpraw, tcpraw or icmp";
            case PORT:
                return inRange(value, 0, 65535) ? null : "a port 0..65535";
            case TIMEOUT:
                return inRange(value, 0, MAX_TIMEOUT) ? null : "seconds 0.." + MAX_TIMEOUT;
            case VERBOSE:
                return value.equalsIgnoreCase("y") || inRange(value, 0, 4) ? null : "Y or a level 0..4";
            case ALLOW_IP:
                return value.equalsIgnoreCase("source") || value.equalsIgnoreCase("resolve")
                        || MessageRules.checkAllowIp(value) == null ? null : "an IPv4 address, 'source' or 'resolve'";
            case TIME_OFFSET:
                return FwknopRc.timeOffsetSeconds(value) != null ? null : "N, Nm, Nh or Nd, optionally with a leading -";
            case SECRET_BASE64:
                return value.chars().allMatch(c -> c == '=' || SpaBase64.isBase64Char((char) c)) ? null : "base64";
            default:
                return null;
        }
    }

    private static String accepts(Runnable parse, String expected) {
        try {
            parse.run();
            return null;
        } catch (IllegalArgumentException e) {
            return expected;
        }
    }

    private static boolean inRange(String value, long min, long max) {
        Long v = FwknopRc.strtol(value);
        return v != null && v >= min && v <= max;
    }
}
