package io.postern.spa;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * fwknop's validation rules for the message, allow-IP, NAT and username fields
 * ({@code lib/fko_message.c}, {@code lib/fko_user.c}, {@code common/fko_util.c}), in one place so the
 * encoder refuses exactly what the decoder would reject. Each check returns {@code null} when the
 * value is valid, else a one-line reason.
 *
 * <p>One deliberate extension: an IPv6 literal is accepted as the allow address. fwknopd rejects
 * such messages; Postern's own receiver takes them.
 */
public final class MessageRules {

    /** Longest base64 message field the decoder accepts ({@code MAX_SPA_MESSAGE_SIZE}). */
    public static final int MAX_MESSAGE_B64 = 256;
    /** Longest base64 username field ({@code MAX_SPA_USERNAME_SIZE}). */
    public static final int MAX_USERNAME_B64 = 64;
    /** Longest NAT host part ({@code MAX_HOSTNAME_LEN}). */
    public static final int MAX_NAT_HOST = 70;
    /** Largest client timeout the server takes ({@code 2 << 15}). */
    public static final int MAX_CLIENT_TIMEOUT = 65536;

    private MessageRules() {
    }

    /** Validates the whole message text for its type. */
    public static String checkMessage(MessageType type, String msg) {
        if (msg == null || msg.isEmpty()) {
            return "empty message";
        }
        int comma = msg.indexOf(',');
        if (comma < 0) {
            return "message has no ',' after the allow IP";
        }
        String ipErr = checkAllowIp(msg.substring(0, comma));
        if (ipErr != null) {
            return ipErr;
        }
        String rest = msg.substring(comma + 1);
        if (type == MessageType.COMMAND) {
            return rest.isEmpty() ? "empty command" : null;
        }
        if (rest.isEmpty()) {
            return "no proto/port after the allow IP";
        }
        for (String pp : rest.split(",", -1)) {
            String e = checkAccessProtoPort(pp);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    /** One {@code proto/port} of an access message: tcp or udp (case-sensitive, as fwknop), port 1..65535. */
    static String checkAccessProtoPort(String pp) {
        int slash = pp.indexOf('/');
        if (slash < 0 || slash > 3) {
            return "invalid proto/port '" + printable(pp) + "' (expected tcp/N or udp/N)";
        }
        String proto = pp.substring(0, slash);
        if (!proto.equals("tcp") && !proto.equals("udp")) {
            return "invalid protocol '" + printable(proto) + "' (expected tcp or udp)";
        }
        String port = pp.substring(slash + 1);
        if (!isPort(port)) {
            return "invalid port '" + printable(port) + "' (expected 1..65535)";
        }
        return null;
    }

    /** The allow IP: a dotted quad as fwknop requires, or (Postern extension) an IPv6 literal. */
    public static String checkAllowIp(String ip) {
        if (isDottedQuad(ip)) {
            return null;
        }
        if (isIpv6Literal(ip)) {
            return null;
        }
        return "invalid allow IP '" + printable(ip) + "'";
    }

    /** Parses an allow IP already accepted by {@link #checkAllowIp}. */
    public static InetAddress parseAllowIp(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid allow IP '" + printable(ip) + "'", e);
        }
    }

    /** fwknop's IPv4 rule: digits and dots, exactly 3 dots, 7..15 characters, each octet 0..255. */
    public static boolean isDottedQuad(String s) {
        if (s.length() < 7 || s.length() > 15) {
            return false;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** An IPv6 literal made of hex digits, ':' and (for a mapped tail) dots; no zone, no brackets. */
    public static boolean isIpv6Literal(String s) {
        if (s.length() < 2 || s.length() > 45 || s.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        try {
            InetAddress.getByName(s); // a literal with ':' is parsed, never looked up
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** NAT access {@code host,port}: one comma, host of at most 70 characters without space / ? " ' \. */
    public static String checkNatAccess(String nat) {
        if (nat == null || nat.isEmpty()) {
            return "missing NAT access field";
        }
        int comma = nat.indexOf(',');
        if (comma <= 0 || nat.indexOf(',', comma + 1) >= 0) {
            return "NAT access '" + printable(nat) + "' is not host,port";
        }
        String host = nat.substring(0, comma);
        if (host.length() > MAX_NAT_HOST) {
            return "NAT host longer than " + MAX_NAT_HOST + " characters";
        }
        // fwknop refuses only space / ? " ' \ ; Postern accepts exactly host names and IP literals
        // (letters, digits, '.', '-', ':'), so no control character or template syntax reaches a device.
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == ':';
            if (!ok || (i == 0 && (c == '.' || c == '-'))) {
                return "NAT host contains a character that is not allowed in a host name or address";
            }
        }
        String port = nat.substring(comma + 1);
        if (!isPort(port)) {
            return "invalid NAT port '" + printable(port) + "' (expected 1..65535)";
        }
        return null;
    }

    /** fwknop's {@code validate_username}. */
    public static String checkUsername(String user) {
        if (user == null || user.isEmpty()) {
            return "empty username";
        }
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            boolean alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!alnum && (c < 0x20 || c > 0x7e)) {
                return "username contains a non-printable character";
            }
            if ("\"/\\[]:;|=,+*?<>".indexOf(c) >= 0) {
                return "username contains '" + c + "'";
            }
        }
        return null;
    }

    /** 1..5 digits with value 1..65535. */
    static boolean isPort(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        int v = Integer.parseInt(s);
        return v >= 1 && v <= 65535;
    }

    /** Cuts and escapes a value for an error message (never more than 40 characters, no controls). */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (s.length() > 40) {
            b.append("...");
        }
        return b.toString();
    }
}
