package io.postern.orchestrator.cli;

import io.postern.spa.MessageRules;
import io.postern.spa.MessageType;

/**
 * Builds the message and NAT fields from fwknop's client options the way {@code client/fwknop.c}
 * does ({@code set_access_buf}, {@code set_nat_access}): {@code --nat-port} replaces the access port,
 * {@code -N host:port} becomes {@code host,port} (the access port when none is given), and
 * {@code --nat-local} asks for {@code <destination>,<access port>}.
 */
final class KnockMessages {

    /** The fields that go into the packet. */
    record Fields(MessageType type, String message, String natAccess) {
    }

    private KnockMessages() {
    }

    /** A type-0 command message. */
    static Fields command(String allowIp, String command) {
        if (command.isEmpty()) {
            throw CliException.usage("-C/--server-cmd is empty");
        }
        String msg = allowIp + "," + command;
        check(MessageType.COMMAND, msg, "-C/--server-cmd");
        return new Fields(MessageType.COMMAND, msg, null);
    }

    /**
     * An access message with optional NAT.
     *
     * @param natAccess  the {@code -N} value or null
     * @param natLocal   {@code --nat-local}
     * @param natPort    {@code --nat-port} or null
     * @param serverName the {@code -D} value (for {@code --nat-local}), may be null
     */
    static Fields access(String allowIp, String access, String natAccess, boolean natLocal, Integer natPort,
                         String serverName) {
        String accessMsg = access;
        if (natPort != null) {
            if (access.indexOf(',') >= 0) {
                throw CliException.usage("NAT for multiple ports/protocols not yet supported (--nat-port with '"
                        + MessageRules.printable(access) + "')");
            }
            int slash = access.indexOf('/');
            if (slash < 0) {
                throw CliException.usage("invalid -A/--access '" + MessageRules.printable(access) + "' (expected proto/port)");
            }
            accessMsg = access.substring(0, slash + 1) + natPort;
        }
        String msg = allowIp + "," + accessMsg;
        check(MessageType.ACCESS, msg, "-A/--access");
        String nat = null;
        MessageType type = MessageType.ACCESS;
        if (natAccess != null || natLocal) {
            String accessPort = firstPort(access);
            if (natAccess != null) {
                nat = natAccess.replaceFirst(":", ",");
                nat = nat.indexOf(',') < 0 ? nat + "," + accessPort : nat;
            } else {
                if (serverName == null) {
                    throw CliException.usage("--nat-local needs -D/--destination (it asks for <destination>,<port>)");
                }
                nat = serverName + "," + accessPort;
            }
            String err = MessageRules.checkNatAccess(nat);
            if (err != null) {
                throw CliException.usage("invalid NAT access: " + err);
            }
            type = natLocal ? MessageType.LOCAL_NAT_ACCESS : MessageType.NAT_ACCESS;
        }
        return new Fields(type, msg, nat);
    }

    private static String firstPort(String access) {
        String first = access.split(",", 2)[0];
        return first.substring(first.indexOf('/') + 1);
    }

    private static void check(MessageType type, String msg, String option) {
        String err = MessageRules.checkMessage(type, msg);
        if (err != null) {
            throw CliException.usage("invalid " + option + ": " + err);
        }
    }
}
