package io.postern.it.support;

import io.postern.spa.MessageType;
import io.postern.spa.SpaMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One access or command request as a test states it, rendered both as fwknop client options and as
 * the {@link SpaMessage} those options must produce, plus the CMD_CYCLE_OPEN substitution fwknopd must
 * make for it. Build with {@link #access}, {@link #command} and the {@code with*} methods.
 *
 * @param allowIp the {@code -a} address, or null for {@code -s} (0.0.0.0)
 * @param access  the {@code -A} entries ({@code tcp/22}, ...), empty for a command
 * @param nat     the {@code -N host:port} value, or null
 * @param natLocal whether {@code --nat-local} is given
 * @param natPort the {@code --nat-port} value, or 0
 * @param timeout the {@code -f} value, or 0
 * @param command the {@code -C} text, or null
 * @param user    the {@code -U} value, or null for the client's LOGNAME
 */
public record SpaRequest(String allowIp, List<String> access, String nat, boolean natLocal, int natPort, int timeout,
                         String command, String user) {

    /** The SPA server address given to the client ({@code -D}); {@code --nat-local} names it. */
    public static final String SERVER = "127.0.0.1";

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    public SpaRequest {
        access = List.copyOf(access);
    }

    /** An access request for a fresh allow IP from 198.19.0.0/16 (unique per JVM). */
    public static SpaRequest access(String... entries) {
        return new SpaRequest(nextAllowIp(), List.of(entries), null, false, 0, 0, null, null);
    }

    /** A command message ({@code -C}). */
    public static SpaRequest command(String text) {
        return new SpaRequest(nextAllowIp(), List.of(), null, false, 0, 0, text, null);
    }

    /** A fresh address from 198.19.0.0/16, never the same twice in one JVM. */
    public static String nextAllowIp() {
        int n = ADDRESSES.getAndIncrement();
        return "198.19." + (n / 250 % 256) + "." + (n % 250 + 1);
    }

    public SpaRequest withSourceIp() {
        return new SpaRequest(null, access, nat, natLocal, natPort, timeout, command, user);
    }

    public SpaRequest withNat(String hostColonPort) {
        return new SpaRequest(allowIp, access, hostColonPort, natLocal, natPort, timeout, command, user);
    }

    public SpaRequest withNatLocal() {
        return new SpaRequest(allowIp, access, nat, true, natPort, timeout, command, user);
    }

    public SpaRequest withNatPort(int port) {
        return new SpaRequest(allowIp, access, nat, natLocal, port, timeout, command, user);
    }

    public SpaRequest withTimeout(int seconds) {
        return new SpaRequest(allowIp, access, nat, natLocal, natPort, seconds, command, user);
    }

    public SpaRequest withUser(String name) {
        return new SpaRequest(allowIp, access, nat, natLocal, natPort, timeout, command, name);
    }

    /** The client options for this request (keys and {@code -D} not included). */
    public List<String> clientArgs() {
        List<String> a = new ArrayList<>();
        if (command != null) {
            a.addAll(List.of("-C", command));
        } else {
            a.addAll(List.of("-A", String.join(",", access)));
        }
        if (allowIp == null) {
            a.add("-s");
        } else {
            a.addAll(List.of("-a", allowIp));
        }
        if (nat != null) {
            a.addAll(List.of("-N", nat));
        }
        if (natLocal) {
            a.add("--nat-local");
        }
        if (natPort > 0) {
            a.addAll(List.of("--nat-port", String.valueOf(natPort)));
        }
        if (timeout > 0) {
            a.addAll(List.of("-f", String.valueOf(timeout)));
        }
        if (user != null) {
            a.addAll(List.of("-U", user));
        }
        return a;
    }

    /** The message type the client must send. */
    public MessageType type() {
        if (command != null) {
            return MessageType.COMMAND;
        }
        MessageType t = natLocal ? MessageType.LOCAL_NAT_ACCESS : nat != null ? MessageType.NAT_ACCESS : MessageType.ACCESS;
        return t.withClientTimeout(timeout > 0);
    }

    /** The allow IP as it appears in the message. */
    public String messageIp() {
        return allowIp == null ? "0.0.0.0" : allowIp;
    }

    /** The message text: {@code --nat-port} replaces the first port, as fwknop's client does. */
    public String message() {
        if (command != null) {
            return messageIp() + "," + command;
        }
        List<String> ports = new ArrayList<>(access);
        if (natPort > 0) {
            ports.set(0, proto(0) + "/" + natPort);
        }
        return messageIp() + "," + String.join(",", ports);
    }

    /** The nat_access field: {@code -N} with ':' turned into ',', or {@code <server>,<access port>}. */
    public String natAccess() {
        if (natLocal) {
            return SERVER + "," + access.get(0).substring(access.get(0).indexOf('/') + 1);
        }
        return nat == null ? null : nat.replace(':', ',');
    }

    /** The username in the packet; the client cuts {@code -U} to 29 characters. */
    public String username(String defaultUser) {
        return user == null ? defaultUser : user.substring(0, Math.min(29, user.length()));
    }

    /** The message Postern's encoder should build for this request. */
    public SpaMessage toMessage(String randomValue, String username, long timestamp) {
        return new SpaMessage(randomValue, username, timestamp, SpaMessage.PROTOCOL_VERSION, type(), message(),
                natAccess(), null, timeout);
    }

    /** The CMD_CYCLE_OPEN values fwknopd must substitute, given the packet's IP source. */
    public CycleOpen expectedOpen(String packetSource, int cycleTimer) {
        String first = message().split(",")[1];
        int proto = first.startsWith("udp/") ? 17 : 6;
        int port = Integer.parseInt(first.substring(first.indexOf('/') + 1));
        return new CycleOpen(allowIp == null ? packetSource : allowIp, proto, port, timeout > 0 ? timeout : cycleTimer);
    }

    private String proto(int i) {
        return access.get(i).substring(0, access.get(i).indexOf('/'));
    }

    @Override
    public String toString() {
        return String.join(" ", clientArgs());
    }
}
