package io.postern.orchestrator.pipeline;

import io.postern.device.CommandSequence;
import io.postern.device.DeviceDriver;
import io.postern.device.GrantContext;
import io.postern.device.Step;
import io.postern.device.exec.CmdCycleCommand;
import io.postern.device.template.GrantValues;
import io.postern.device.template.RenderException;
import io.postern.device.template.TemplateRenderer;
import io.postern.orchestrator.inventory.Device;
import io.postern.orchestrator.ledger.GrantKey;
import io.postern.orchestrator.ledger.SqliteStateStore;
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
    private final DeviceTargets targets;
    private final SqliteStateStore ledger;

    public GrantPlanner(TemplateRenderer renderer, String firewallFamily, Map<String, String> firewallVars,
                        DeviceDriver local, Duration stepTimeout, Clock clock) {
        this(renderer, firewallFamily, firewallVars, local, stepTimeout, clock, DeviceTargets.none(), null);
    }

    /**
     * @param targets the inventory devices stanzas may target
     * @param ledger  allocates per-device rule numbers and knows which entries are shared
     */
    public GrantPlanner(TemplateRenderer renderer, String firewallFamily, Map<String, String> firewallVars,
                        DeviceDriver local, Duration stepTimeout, Clock clock, DeviceTargets targets,
                        SqliteStateStore ledger) {
        this.targets = Objects.requireNonNull(targets);
        this.ledger = ledger;
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
     * Plans the grants of an accepted packet: on the stanza's TARGETS when it has some, else locally.
     *
     * @throws RenderException when a command or template cannot be built from the request
     */
    public GrantPlan planAll(Verdict.Accepted a, ReceivedPacket packet) throws RenderException {
        List<Device> devices = targets.devicesFor(a.stanza());
        if (devices.isEmpty()) {
            return new GrantPlan(plan(a, packet), RolloutPolicy.LOCAL);
        }
        List<PlannedGrant> out = new ArrayList<>();
        for (Device d : devices) {
            out.addAll(onDevice(a, packet, d));
        }
        return new GrantPlan(out, targets.rolloutFor(a.stanza()));
    }

    private List<PlannedGrant> onDevice(Verdict.Accepted a, ReceivedPacket packet, Device device)
            throws RenderException {
        if (ledger == null) {
            throw new IllegalStateException("device grants need the ledger");
        }
        DeviceDriver driver = targets.driver(device.name());
        String label = stanzaLabel(a.stanza());
        String src = a.allowAddress().getHostAddress();
        String prefix = "[" + src + "] (stanza #" + a.stanzaNumber() + ")";
        long now = clock.instant().getEpochSecond();
        List<PlannedGrant> out = new ArrayList<>();
        for (ProtoPort pp : a.request().ports()) {
            GrantKey key = new GrantKey(src, label, pp.protocol().label(), pp.port(), device.name());
            long seq = ledger.ruleSeq(device.name(), src + " " + pp);
            GrantValues v = GrantValues.builder()
                    .packetSource(packet.source().getAddress())
                    .destination(packet.destination().getAddress())
                    .request(a.request())
                    .source(a.allowAddress())
                    .protoPort(pp)
                    .stanza(label)
                    .timeoutSeconds(a.timeoutSeconds())
                    .expiresAt(now + a.timeoutSeconds())
                    .clientTimeout(a.message().clientTimeout())
                    .ruleId(seq)
                    .vars(device.vars())
                    .build();
            GrantContext ctx = renderer.renderGrant(prefix, device.template(), v, device.timeouts().command());
            OpenAction open = () -> {
                // The entry is on the device already for another open grant (another stanza): share it.
                if (!ledger.openGrantShares(key, -1)) {
                    driver.open(ctx);
                }
            };
            out.add(new PlannedGrant(key, Duration.ofSeconds(a.timeoutSeconds()), open,
                    CloseSpec.on(device.name(), ctx.close()), false));
        }
        return out;
    }

    /**
     * Plans the local grants of an accepted packet (CMD_CYCLE or the local firewall).
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
