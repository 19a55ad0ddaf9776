package io.postern.orchestrator.pipeline;

import io.postern.device.CommandSequence;
import io.postern.device.DeviceDriver;
import io.postern.device.GrantContext;
import io.postern.device.Step;
import io.postern.device.exec.CmdCycleCommand;
import io.postern.device.template.GrantValues;
import io.postern.device.template.RenderException;
import io.postern.device.template.TemplateRenderer;
import io.postern.orchestrator.ledger.GrantKey;
import io.postern.orchestrator.receive.ReceivedPacket;
import io.postern.spa.ProtoPort;
import io.postern.spa.config.AccessStanza;
import io.postern.spa.config.CommandCycle;
import io.postern.spa.policy.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns an accepted request into the grants it implies on the local host: one per proto/port (fwknopd
 * runs a CMD_CYCLE only for the first; Postern runs it for each). A CMD_CYCLE stanza runs its own
 * commands with fwknop's variables; any other stanza opens through the configured firewall template
 * (nftables by default). Every value reaching a command comes from the typed request.
 */
public final class GrantPlanner {

    /** The target name of grants on the receiving host itself. */
    public static final String LOCAL_TARGET = "local";

    private final TemplateRenderer renderer;
    private final String firewallFamily;
    private final Map<String, String> firewallVars;
    private final DeviceDriver local;
    private final Duration stepTimeout;
    private final Clock clock;

    public GrantPlanner(TemplateRenderer renderer, String firewallFamily, Map<String, String> firewallVars,
                        DeviceDriver local, Duration stepTimeout, Clock clock) {
        this.renderer = Objects.requireNonNull(renderer);
        this.firewallFamily = Objects.requireNonNull(firewallFamily);
        this.firewallVars = Map.copyOf(firewallVars);
        this.local = Objects.requireNonNull(local);
        this.stepTimeout = Objects.requireNonNull(stepTimeout);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The ledger's stanza label: where the stanza starts ({@code access.conf:12}). */
    public static String stanzaLabel(AccessStanza s) {
        return (s.file() == null ? "access.conf" : s.file().getFileName().toString()) + ":" + s.line();
    }

    /**
     * Plans the grants of an accepted packet.
     *
     * @throws RenderException when a command or template cannot be built from the request
     */
    public List<PlannedGrant> plan(Verdict.Accepted a, ReceivedPacket packet) throws RenderException {
        AccessStanza stanza = a.stanza();
        String label = stanzaLabel(stanza);
        String prefix = "[" + a.allowAddress().getHostAddress() + "] (stanza #" + a.stanzaNumber() + ")";
        List<PlannedGrant> out = new ArrayList<>();
        for (ProtoPort pp : a.request().ports()) {
            GrantKey key = new GrantKey(a.allowAddress().getHostAddress(), label, pp.protocol().label(), pp.port(),
                    LOCAL_TARGET);
            GrantValues.Builder b = GrantValues.builder()
                    .packetSource(packet.source().getAddress())
                    .destination(packet.destination().getAddress())
                    .request(a.request())
                    .source(a.allowAddress())
                    .protoPort(pp)
                    .stanza(label);
            out.add(stanza.isCommandCycle()
                    ? cycle(key, b, a, stanza.commandCycle(), prefix)
                    : template(key, b, a, prefix));
        }
        return out;
    }

    private PlannedGrant cycle(GrantKey key, GrantValues.Builder b, Verdict.Accepted a, CommandCycle cycle,
                               String prefix) throws RenderException {
        GrantValues v = b.cmdCycleTiming(a.message().timestamp(), a.message().clientTimeout(), cycle.timerSeconds())
                .build();
        CommandSequence open = CommandSequence.of(List.of(
                Step.of(new CmdCycleCommand("CMD_CYCLE_OPEN", cycle.open()).argv(v), stepTimeout)));
        CmdCycleCommand closeCmd = new CmdCycleCommand("CMD_CYCLE_CLOSE", cycle.close());
        CommandSequence close = closeCmd.isNone() ? CommandSequence.empty()
                : CommandSequence.of(List.of(Step.of(closeCmd.argv(v), stepTimeout)));
        GrantContext ctx = new GrantContext(prefix, open, close);
        return new PlannedGrant(key, Duration.ofSeconds(a.timeoutSeconds()), () -> local.open(ctx),
                CloseSpec.of(close), true);
    }

    private PlannedGrant template(GrantKey key, GrantValues.Builder b, Verdict.Accepted a, String prefix)
            throws RenderException {
        long now = clock.instant().getEpochSecond();
        GrantValues v = b.timeoutSeconds(a.timeoutSeconds())
                .expiresAt(now + a.timeoutSeconds())
                .clientTimeout(a.message().clientTimeout())
                .ruleId(RuleIds.of(key))
                .vars(firewallVars)
                .build();
        GrantContext ctx = renderer.renderGrant(prefix, firewallFamily, v, stepTimeout);
        return new PlannedGrant(key, Duration.ofSeconds(a.timeoutSeconds()), () -> local.open(ctx),
                CloseSpec.of(ctx.close()), true);
    }
}
