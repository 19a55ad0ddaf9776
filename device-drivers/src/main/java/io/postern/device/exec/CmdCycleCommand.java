package io.postern.device.exec;

import io.postern.device.CommandSequence;
import io.postern.device.Step;
import io.postern.device.template.Addresses;
import io.postern.device.template.GrantValues;
import io.postern.device.template.RenderException;
import io.postern.spa.ProtoPort;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@code CMD_CYCLE_OPEN} or {@code CMD_CYCLE_CLOSE} value from access.conf, built into an argv exactly as
 * fwknopd 2.6.10 does ({@code server/cmd_cycle.c} {@code build_cmd}, then {@code strtoargv} and
 * {@code execvpe}, no shell):
 * <ul>
 *   <li>at each {@code $}, the names below are tried <b>by prefix</b> in this order: {@code IP}, {@code SRC}
 *       (the allow IP), {@code PKT_SRC}, {@code DST}, {@code PORT} (the proto/port's port), {@code PROTO}
 *       (its number: 6 or 17), {@code TIMEOUT} (absolute epoch: SPA timestamp + timer), {@code CLIENT_TIMEOUT}
 *       (the timer: the client's timeout, else {@code CMD_CYCLE_TIMER}). So {@code $IPX} gives the address
 *       followed by {@code X}, and {@code $PORTS} gives {@code 22S};</li>
 *   <li>an unknown {@code $NAME} loses its {@code $} and the name is copied literally ({@code $FOO} →
 *       {@code FOO}); a trailing {@code $} disappears;</li>
 *   <li>the result is split into words on whitespace, with no quoting of any kind;</li>
 *   <li>the built command must stay under 256 bytes (fwknop's {@code CMD_CYCLE_BUFSIZE}).</li>
 * </ul>
 * Postern adds {@code $PROTO_NAME} ({@code tcp}/{@code udp}, tried before {@code PROTO}), {@code $NAT_DST} and
 * {@code $NAT_PORT} (an error when the request has no NAT target). <b>Incompatibility:</b> 2.6.10 renders
 * {@code $NAT_DST} as the literal {@code NAT_DST}, {@code $NAT_PORT} as {@code NAT_PORT} and
 * {@code $PROTO_NAME} as {@code 6_NAME}; a 2.6.10 access.conf that relied on that output behaves differently.
 *
 * <p>fwknopd runs the cycle for the first proto/port of a request only; Postern's caller runs it for each
 * one ({@link #sequence}). {@code CMD_CYCLE_CLOSE NONE} (first four characters) means "no close". Immutable
 * and thread-safe.
 */
public final class CmdCycleCommand {

    /** fwknop's {@code CMD_CYCLE_BUFSIZE}: the built command must be shorter. */
    public static final int MAX_BYTES = 256;

    private static final List<Var> VARS = List.of(
            new Var("IP", v -> Addresses.format(v.source())),
            new Var("SRC", v -> Addresses.format(v.source())),
            new Var("PKT_SRC", v -> Addresses.format(v.packetSource())),
            new Var("DST", v -> Addresses.format(v.destination())),
            new Var("PORT", v -> Integer.toString(v.port())),
            new Var("PROTO_NAME", v -> v.protocol().label()),
            new Var("PROTO", v -> Integer.toString(v.protocol().number())),
            new Var("TIMEOUT", v -> Long.toString(v.expiresAt())),
            new Var("CLIENT_TIMEOUT", v -> Long.toString(v.clientTimeout())),
            new Var("NAT_DST", v -> v.hasNat() ? v.natHost() : null),
            new Var("NAT_PORT", v -> v.hasNat() ? Integer.toString(v.natPort()) : null));

    private final String directive;
    private final String command;

    /**
     * @param directive {@code CMD_CYCLE_OPEN} or {@code CMD_CYCLE_CLOSE}, for messages
     * @param command   the value as read from access.conf
     */
    public CmdCycleCommand(String directive, String command) {
        this.directive = Objects.requireNonNull(directive, "directive");
        this.command = Objects.requireNonNull(command, "command");
    }

    /** Whether this is {@code NONE}: fwknop compares only the first four characters. */
    public boolean isNone() {
        return command.startsWith("NONE");
    }

    /** The command text with the variables substituted, as fwknopd logs it. */
    public String substitute(GrantValues v) throws RenderException {
        StringBuilder out = new StringBuilder();
        int n = command.length();
        for (int i = 0; i < n; i++) {
            char c = command.charAt(i);
            if (c != '$') {
                out.append(c);
                continue;
            }
            for (Var var : VARS) {
                if (command.startsWith(var.name, i + 1)) {
                    String value = var.value.apply(v);
                    if (value == null) {
                        throw new RenderException(directive, 0, "$" + var.name + " needs a NAT request", null);
                    }
                    out.append(value);
                    i += var.name.length();
                    break;
                }
            }
        }
        String built = out.toString();
        if (built.getBytes(StandardCharsets.UTF_8).length >= MAX_BYTES) {
            throw new RenderException(directive, 0, "built command is " + built.length()
                    + " characters, fwknop's limit is " + (MAX_BYTES - 1), null);
        }
        return built;
    }

    /** The argv: the substituted command split on whitespace, as fwknop's {@code strtoargv}. */
    public List<String> argv(GrantValues v) throws RenderException {
        List<String> words = splitWords(substitute(v));
        if (words.isEmpty()) {
            throw new RenderException(directive, 0, "empty command", null);
        }
        return words;
    }

    /** One argv per proto/port, in request order: {@code base} with each proto/port swapped in. */
    public List<List<String>> argvPerPort(GrantValues base, List<ProtoPort> ports) throws RenderException {
        List<List<String>> all = new ArrayList<>();
        for (ProtoPort pp : ports) {
            all.add(argv(base.withProtoPort(pp)));
        }
        return all;
    }

    /**
     * One step per proto/port, each with the time limit; empty for {@code NONE}.
     *
     * @throws RenderException when a command cannot be built or contains a control character
     */
    public CommandSequence sequence(GrantValues base, List<ProtoPort> ports, Duration stepTimeout)
            throws RenderException {
        if (isNone()) {
            return CommandSequence.empty();
        }
        List<Step> steps = new ArrayList<>();
        for (List<String> argv : argvPerPort(base, ports)) {
            try {
                steps.add(Step.of(argv, stepTimeout));
            } catch (IllegalArgumentException e) {
                throw new RenderException(directive, 0, e.getMessage(), e);
            }
        }
        return CommandSequence.of(steps);
    }

    static List<String> splitWords(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isCSpace(c)) {
                if (cur.length() > 0) {
                    words.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            words.add(cur.toString());
        }
        return words;
    }

    /** C's {@code isspace} in the C locale. */
    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    @Override
    public String toString() {
        return directive + " " + command;
    }

    private record Var(String name, Function<GrantValues, String> value) {
    }
}
