package io.postern.device.sim;

import io.postern.device.sim.AccessListEntry.Action;
import io.postern.device.sim.AccessListEntry.Endpoint;
import io.postern.device.sim.AccessListEntry.Protocol;

/**
 * Parses the extended ACE forms the simulator supports:
 * {@code permit|deny tcp|udp|ip SRC [eq PORT] DST [eq PORT]} where an address is {@code any},
 * {@code host A} or {@code A WILDCARD}. Ports only follow {@code tcp} and {@code udp}. Other IOS options
 * ({@code log}, {@code established}, {@code range}, port names) are rejected at their word.
 */
final class AceParser {

    private final CommandLine line;
    private int pos;

    private AceParser(CommandLine line, int from) {
        this.line = line;
        this.pos = from;
    }

    /** Parses from word {@code from} (the action) to the end of the line. */
    static AccessListEntry parse(CommandLine line, int from) throws CliSyntaxException {
        return new AceParser(line, from).entry();
    }

    private AccessListEntry entry() throws CliSyntaxException {
        Action action = Action.valueOf(keyword("permit", "deny").toUpperCase());
        Protocol protocol = Protocol.valueOf(keyword("tcp", "udp", "ip").toUpperCase());
        Endpoint source = endpoint(protocol);
        Endpoint destination = endpoint(protocol);
        if (pos < line.size()) {
            throw CliSyntaxException.invalidAt(line, pos);
        }
        return new AccessListEntry(action, protocol, source, destination);
    }

    private Endpoint endpoint(Protocol protocol) throws CliSyntaxException {
        int address;
        int wildcard;
        String first = next();
        String kw = Keywords.match(first, "any", "host");
        if ("any".equals(kw)) {
            address = 0;
            wildcard = -1;
        } else if ("host".equals(kw)) {
            address = ipv4(next());
            wildcard = 0;
        } else if (kw == null) {
            address = ipv4(first);
            wildcard = ipv4(next());
        } else {
            throw CliSyntaxException.ambiguous(line);
        }
        int port = -1;
        if (pos < line.size() && protocol.hasPorts() && "eq".equals(Keywords.match(line.word(pos), "eq"))) {
            pos++;
            port = port(next());
        }
        return new Endpoint(address, wildcard, port);
    }

    private String keyword(String... choices) throws CliSyntaxException {
        String word = next();
        String kw = Keywords.match(word, choices);
        if (kw == null) {
            throw CliSyntaxException.invalidAt(line, pos - 1);
        }
        if (kw.equals(Keywords.AMBIGUOUS)) {
            throw CliSyntaxException.ambiguous(line);
        }
        return kw;
    }

    private String next() throws CliSyntaxException {
        if (pos >= line.size()) {
            throw CliSyntaxException.incomplete();
        }
        return line.word(pos++);
    }

    private int port(String word) throws CliSyntaxException {
        if (!word.matches("\\d{1,5}") || Integer.parseInt(word) > 65535) {
            throw CliSyntaxException.invalidAt(line, pos - 1);
        }
        return Integer.parseInt(word);
    }

    private int ipv4(String word) throws CliSyntaxException {
        String[] parts = word.split("\\.", -1);
        if (parts.length != 4) {
            throw CliSyntaxException.invalidAt(line, pos - 1);
        }
        int v = 0;
        for (String p : parts) {
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255) {
                throw CliSyntaxException.invalidAt(line, pos - 1);
            }
            v = (v << 8) | Integer.parseInt(p);
        }
        return v;
    }
}
