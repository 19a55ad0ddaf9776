package io.postern.orchestrator.serve;

import io.postern.device.exec.LocalExecDriver;
import io.postern.device.template.Section;
import io.postern.device.template.TemplateRenderer;
import io.postern.orchestrator.event.CompositeEventListener;
import io.postern.orchestrator.event.LoggingEventListener;
import io.postern.orchestrator.event.PacketCounters;
import io.postern.orchestrator.event.PosternEventListener;
import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.ledger.SqliteStateStore;
import io.postern.orchestrator.inventory.Inventory;
import io.postern.orchestrator.inventory.InventoryLoader;
import io.postern.orchestrator.inventory.TargetsValidator;
import io.postern.orchestrator.pipeline.CommandMessageRunner;
import io.postern.orchestrator.pipeline.DeviceTargets;
import io.postern.orchestrator.pipeline.TargetGrantCloser;
import io.postern.orchestrator.pipeline.GrantOpener;
import io.postern.orchestrator.pipeline.GrantPlanner;
import io.postern.orchestrator.pipeline.PacketPipeline;
import io.postern.orchestrator.receive.HttpSpaMode;
import io.postern.orchestrator.receive.PacketReceiver;
import io.postern.orchestrator.receive.PcapFileSource;
import io.postern.orchestrator.receive.PcapFileSummary;
import io.postern.orchestrator.receive.PcapLiveOptions;
import io.postern.orchestrator.receive.PcapLiveReceiver;
import io.postern.orchestrator.receive.PortFilter;
import io.postern.orchestrator.receive.UdpReceiver;
import io.postern.orchestrator.timer.Backoff;
import io.postern.orchestrator.timer.GrantScheduler;
import io.postern.spa.config.AccessConf;
import io.postern.spa.config.AccessConfReader;
import io.postern.spa.config.AccessStanza;
import io.postern.spa.config.ConfigException;
import io.postern.spa.config.ConfigWarning;
import io.postern.spa.config.FwknopdConf;
import io.postern.spa.config.FwknopdConfReader;
import io.postern.spa.policy.SpaValidator;
import io.postern.spa.policy.ValidatorSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway. {@link #create} reads and validates every file before anything listens (a bad
 * config never half-starts); {@link #start} closes what a previous run left due, re-arms the rest and
 * opens the receiver; {@link #close} stops receiving and leaves open grants in the ledger, where the
 * next start finds them and closes them on time.
 */
public final class PosternServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.postern.serve");
    private static final Set<String> FIREWALLS = Set.of("nftables", "iptables", "ipset", "firewalld");

    private final ServerOptions options;
    private final FwknopdConf conf;
    private final List<AccessStanza> stanzas;
    private final SqliteStateStore store;
    private final GrantScheduler scheduler;
    private final PacketPipeline pipeline;
    private final PacketCounters counters = new PacketCounters();
    private final ScheduledExecutorService housekeeping;
    private final TemplateRenderer renderer;
    private final LocalExecDriver local;
    private final Map<String, String> firewallVars;
    private final DeviceTargets targets;
    private volatile PacketReceiver receiver;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private PosternServer(ServerOptions options, FwknopdConf conf, List<AccessStanza> stanzas,
                          DeviceTargets targets, PosternEventListener extraListener) throws IOException {
        this.targets = targets;
        this.options = options;
        this.conf = conf;
        this.stanzas = stanzas;
        this.renderer = options.templateDir() == null ? TemplateRenderer.classpathOnly()
                : TemplateRenderer.withUserDir(options.templateDir());
        PosternEventListener events = new CompositeEventListener(List.of(new LoggingEventListener(), counters,
                extraListener));
        this.local = LocalExecDriver.simple("local");
        this.store = SqliteStateStore.open(options.stateDir());
        this.scheduler = new GrantScheduler(store, new TargetGrantCloser(local, targets::driver, store), options.clock(),
                Backoff.DEFAULT, events, Math.max(2, Math.min(16, targets.size())));
        GrantOpener opener = new GrantOpener(store, scheduler, events, options.clock());
        this.firewallVars = firewallVars(stanzas);
        GrantPlanner planner = new GrantPlanner(renderer, options.firewall(), firewallVars, local,
                options.stepTimeout(), options.clock(), targets, store);
        ValidatorSettings settings = ValidatorSettings.from(conf, options.testMode());
        SpaValidator validator = new SpaValidator(options.clock(), store, settings);
        this.pipeline = new PacketPipeline(validator, stanzas, planner, opener, events, options.testMode(),
                conf.xForwardedFor(), new CommandMessageRunner(options.stepTimeout()), options.threads(), 4096);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "postern-housekeeping");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Reads fwknopd.conf and access.conf, checks the firewall family and its templates, opens the state.
     *
     * @throws ConfigException for any configuration error (file:line: KEY: 'value' (expected: ...))
     */
    public static PosternServer create(ServerOptions options, PosternEventListener extraListener)
            throws ConfigException, IOException {
        FwknopdConf conf = options.fwknopdConf() == null ? FwknopdConf.defaults()
                : FwknopdConfReader.read(options.fwknopdConf());
        conf.warnings().forEach(w -> LOG.warn("{}", w));
        AccessConfReader reader = new AccessConfReader(conf);
        List<AccessStanza> stanzas = new ArrayList<>();
        List<ConfigWarning> warnings = new ArrayList<>();
        if (options.accessFile() != null) {
            AccessConf ac = reader.read(options.accessFile());
            stanzas.addAll(ac.stanzas());
            warnings.addAll(ac.warnings());
        }
        if (options.accessFolder() != null) {
            AccessConf ac = reader.readFolder(options.accessFolder());
            stanzas.addAll(ac.stanzas());
            warnings.addAll(ac.warnings());
        }
        warnings.forEach(w -> LOG.warn("{}", w));
        if (stanzas.isEmpty()) {
            throw new ConfigException(options.accessFile() != null ? options.accessFile() : options.accessFolder(), 0,
                    "no access stanza found (a stanza starts with SOURCE)");
        }
        if (!FIREWALLS.contains(options.firewall())) {
            throw new ConfigException(null, 0, "firewall", options.firewall(), "one of " + FIREWALLS);
        }
        TemplateRenderer renderer = options.templateDir() == null ? TemplateRenderer.classpathOnly()
                : TemplateRenderer.withUserDir(options.templateDir());
        DeviceTargets targets = DeviceTargets.none();
        boolean anyTargets = stanzas.stream().anyMatch(s -> !s.targets().isEmpty());
        if (options.inventory() != null) {
            Inventory inventory = InventoryLoader.load(options.inventory());
            inventory.warnings().forEach(w -> LOG.warn("{}", w));
            TargetsValidator.validate(inventory, stanzas);
            targets = DeviceTargets.create(inventory, stanzas);
            LOG.info("inventory {}: {} device(s) targeted", options.inventory(), targets.size());
        } else if (anyTargets) {
            AccessStanza first = stanzas.stream().filter(s -> !s.targets().isEmpty()).findFirst().orElseThrow();
            throw new ConfigException(first.file(), first.line(), "TARGETS", String.join(", ", first.targets()),
                    "an inventory (--inventory FILE) that defines these groups or hosts");
        }
        boolean needsFirewall = stanzas.stream().anyMatch(s -> !s.isCommandCycle() && s.targets().isEmpty());
        if (needsFirewall && !(renderer.exists(options.firewall(), Section.OPEN)
                && renderer.exists(options.firewall(), Section.CLOSE))) {
            throw new ConfigException(null, 0, "firewall", options.firewall(), "a template family with open and close");
        }
        return new PosternServer(options, conf, List.copyOf(stanzas), targets, extraListener);
    }

    /**
     * Template variables for the local firewall: the TCP ports it guards (drops unless granted) are the
     * OPEN_PORTS of the stanzas that open through it, or 22 when none lists any.
     */
    static Map<String, String> firewallVars(List<AccessStanza> stanzas) {
        java.util.TreeSet<Integer> tcp = new java.util.TreeSet<>();
        for (AccessStanza s : stanzas) {
            if (!s.isCommandCycle() && s.targets().isEmpty()) {
                s.openPorts().stream().filter(pp -> pp.protocol() == io.postern.spa.Protocol.TCP)
                        .forEach(pp -> tcp.add(pp.port()));
            }
        }
        String ports = tcp.isEmpty() ? "22" : tcp.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(","));
        return Map.of("guard_tcp_ports", ports);
    }

    /** The stanzas in force. */
    public List<AccessStanza> stanzas() {
        return stanzas;
    }

    public PacketCounters counters() {
        return counters;
    }

    public PacketPipeline pipeline() {
        return pipeline;
    }

    public SqliteStateStore store() {
        return store;
    }

    public GrantScheduler scheduler() {
        return scheduler;
    }

    /**
     * Creates the local firewall's base (table, set, chain), as fwknopd creates its chains at start, when
     * some stanza opens through the firewall template; idempotent, and it keeps entries already open.
     *
     * @throws IOException with the firewall tool's own words when provisioning fails
     */
    public void provisionLocalFirewall() throws IOException {
        boolean needsFirewall = stanzas.stream().anyMatch(s -> !s.isCommandCycle() && s.targets().isEmpty());
        if (!needsFirewall || options.testMode() || !renderer.exists(options.firewall(), Section.PROVISION)) {
            return;
        }
        try {
            local.provision("[provision " + options.firewall() + "]",
                    renderer.renderProvision(options.firewall(), firewallVars, options.stepTimeout()));
            LOG.info("local firewall base ready ({})", options.firewall());
        } catch (io.postern.device.DeviceException | io.postern.device.template.RenderException e) {
            throw new IOException("cannot provision the local " + options.firewall() + " firewall: " + e.getMessage(), e);
        }
    }

    /** Closes due grants from a previous run, re-arms the rest and starts the timer and the digest purge. */
    public void recoverAndStartTimers() {
        List<Grant> active = scheduler.recover();
        if (!active.isEmpty()) {
            LOG.info("recovered {} active grant(s) from {}", active.size(), store.file());
        }
        scheduler.runDue();
        scheduler.start();
        if (conf.packetAging()) {
            Duration keep = Duration.ofSeconds(2L * conf.maxPacketAge());
            housekeeping.scheduleWithFixedDelay(() -> {
                try {
                    store.purgeOlderThan(options.clock().instant().minus(keep));
                } catch (RuntimeException e) {
                    LOG.warn("replay digest purge failed: {}", e.getMessage());
                }
            }, 60, 60, TimeUnit.SECONDS);
        }
    }

    /** Starts the live receiver (UDP by default, pcap with an interface). */
    public void startReceiver() throws IOException {
        if (options.pcapInterface() != null) {
            PcapLiveOptions po = new PcapLiveOptions(options.pcapInterface(), conf.pcapFilter(), conf.pcapPromisc(),
                    conf.pcapAnyDirection(), conf.maxSniffBytes(), httpMode());
            receiver = new PcapLiveReceiver(po, pipeline, options.clock());
        } else {
            List<InetSocketAddress> bind = options.bind();
            if (bind.isEmpty()) {
                int port = options.udpPort() > 0 ? options.udpPort() : conf.udpServerPort();
                bind = List.of(new InetSocketAddress(port));
            }
            receiver = new UdpReceiver(bind, pipeline, options.clock());
        }
        receiver.start();
        if (receiver instanceof UdpReceiver u) {
            LOG.info("listening for SPA packets on udp {} ({} stanza(s), state {})", u.boundAddresses(), stanzas.size(),
                    store.file());
        } else {
            LOG.info("capturing SPA packets on {} with filter '{}' ({} stanza(s))", options.pcapInterface(),
                    conf.pcapFilter(), stanzas.size());
        }
    }

    /** The UDP addresses actually bound (after wildcard expansion and port 0). */
    public List<InetSocketAddress> boundAddresses() {
        return receiver instanceof UdpReceiver u ? u.boundAddresses() : List.of();
    }

    /** Reads a capture file through the pipeline and waits until every packet was handled. */
    public PcapFileSummary replay(Path pcapFile) throws IOException, InterruptedException {
        PcapFileSource source = new PcapFileSource(portFilter(), httpMode());
        PcapFileSummary summary = source.read(pcapFile, pipeline);
        pipeline.drain();
        return summary;
    }

    private HttpSpaMode httpMode() {
        if (!conf.spaOverHttp()) {
            return HttpSpaMode.OFF;
        }
        return conf.xForwardedFor() ? HttpSpaMode.UNWRAP_WITH_FORWARDED_FOR : HttpSpaMode.UNWRAP;
    }

    /** PCAP_FILTER for capture files: the simple {@code [udp|tcp] port N} forms; anything else takes every port. */
    PortFilter portFilter() {
        return PortFilter.fromBpf(conf.pcapFilter()).orElseGet(() -> {
            LOG.warn("PCAP_FILTER '{}' is applied in full only to live capture; a capture file is read on every "
                    + "UDP and TCP port", conf.pcapFilter());
            return PortFilter.ANY;
        });
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (receiver != null) {
            try {
                receiver.close();
            } catch (Exception e) {
                LOG.warn("closing the receiver: {}", e.toString());
            }
        }
        pipeline.close();
        housekeeping.shutdownNow();
        scheduler.close();
        targets.close();
        int open = store.active().size();
        store.close();
        if (open > 0) {
            LOG.info("stopped; {} grant(s) stay open and will be closed on time by the next start", open);
        }
    }
}
