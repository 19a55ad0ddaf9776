package io.postern.orchestrator.serve;

import io.postern.device.exec.LocalExecDriver;
import io.postern.device.template.Section;
import io.postern.device.template.TemplateRenderer;
import io.postern.orchestrator.event.AuditEventListener;
import io.postern.orchestrator.event.AuditLog;
import io.postern.orchestrator.event.CompositeEventListener;
import io.postern.orchestrator.event.MetricsEventListener;
import io.postern.orchestrator.event.LoggingEventListener;
import io.postern.orchestrator.event.PacketCounters;
import io.postern.orchestrator.event.PosternEventListener;
import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.ledger.SqliteStateStore;
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
import io.postern.orchestrator.timer.GrantCloser;
import io.postern.orchestrator.timer.GrantScheduler;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.postern.spa.config.AccessStanza;
import io.postern.spa.config.ConfigException;
import io.postern.spa.config.FwknopdConf;
import io.postern.spa.config.FwknopdConfReader;
import io.postern.spa.policy.SpaValidator;
import io.postern.spa.policy.ValidatorSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
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
 *
 * <p>{@link #reload} re-reads access.conf and the inventory and swaps them in atomically; the ledger and
 * the timers are not touched, so open grants keep their closes. Metrics ({@link #startMetrics}) and the
 * audit log are opt-in through {@link ServerOptions}.
 */
public final class PosternServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.postern.serve");
    /** How long drivers replaced by a reload stay up, so opens and closes already under way finish. */
    static final Duration RETIRE_GRACE = Duration.ofSeconds(30);

    private final ServerOptions options;
    private final FwknopdConf conf;
    private final String confDigest;
    private volatile List<AccessStanza> stanzas;
    private volatile DeviceTargets targets;
    private volatile Map<String, String> firewallVars;
    private final List<DeviceTargets> retired = new CopyOnWriteArrayList<>();
    private final SqliteStateStore store;
    private final GrantScheduler scheduler;
    private final PacketPipeline pipeline;
    private final GrantOpener opener;
    private final PacketCounters counters = new PacketCounters();
    private final MetricsEventListener metrics;
    private final AuditLog auditLog;
    private final ScheduledExecutorService housekeeping;
    private final TemplateRenderer renderer;
    private final LocalExecDriver local;
    private final PosternEventListener events;
    private volatile HTTPServer metricsServer;
    private volatile PacketReceiver receiver;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private PosternServer(ServerOptions options, FwknopdConf conf, ConfigLoader.Loaded loaded, TemplateRenderer renderer,
                          SqliteStateStore store, AuditLog auditLog, PosternEventListener extraListener) {
        this.targets = loaded.targets();
        this.options = options;
        this.conf = conf;
        this.confDigest = digest(options.fwknopdConf());
        this.stanzas = loaded.stanzas();
        this.renderer = renderer;
        this.auditLog = auditLog;
        this.metrics = new MetricsEventListener(new PrometheusRegistry(), this::driverOf);
        List<PosternEventListener> listeners = new java.util.ArrayList<>(List.of(new LoggingEventListener(), counters,
                metrics));
        if (auditLog != null) {
            listeners.add(new AuditEventListener());
        }
        listeners.add(extraListener);
        this.events = new CompositeEventListener(listeners);
        this.local = LocalExecDriver.simple("local");
        this.store = store;
        this.scheduler = new GrantScheduler(store, timed(new TargetGrantCloser(local, name -> this.targets.driver(name),
                store)), options.clock(), Backoff.DEFAULT, events, Math.max(2, Math.min(16, targets.size())));
        this.firewallVars = firewallVars(stanzas);
        ValidatorSettings settings = ValidatorSettings.from(conf, options.testMode());
        SpaValidator validator = new SpaValidator(options.clock(), store, settings);
        this.opener = new GrantOpener(store, scheduler, events, options.clock());
        this.pipeline = new PacketPipeline(validator, stanzas, planner(targets, firewallVars), opener, events,
                options.testMode(),
                conf.xForwardedFor(), new CommandMessageRunner(options.stepTimeout(), store::syncPending), options.threads(), 4096);
        metrics.registerGauges(() -> store.active().size(), scheduler::queued, store::digestCount, pipeline::dropped);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "postern-housekeeping");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Reads fwknopd.conf and access.conf, checks the firewall family and its templates, opens the state
     * and the audit log.
     *
     * @throws ConfigException for any configuration error (file:line: KEY: 'value' (expected: ...))
     */
    public static PosternServer create(ServerOptions options, PosternEventListener extraListener)
            throws ConfigException, IOException {
        FwknopdConf conf = options.fwknopdConf() == null ? FwknopdConf.defaults()
                : FwknopdConfReader.read(options.fwknopdConf());
        conf.warnings().forEach(w -> LOG.warn("{}", w));
        TemplateRenderer renderer = options.templateDir() == null ? TemplateRenderer.classpathOnly()
                : TemplateRenderer.withUserDir(options.templateDir());
        ConfigLoader.Loaded loaded = ConfigLoader.load(options, conf, renderer, java.util.Set.of());
        SqliteStateStore store = null;
        AuditLog audit = null;
        try {
            store = SqliteStateStore.open(options.stateDir());
            java.util.Set<String> stillOpen = deviceTargetsOf(store);
            DeviceTargets first = loaded.targets();
            if (stillOpen.stream().anyMatch(d -> first.driver(d) == null)) {
                // grants left open on devices no stanza targets any more: their drivers are needed to close them
                ConfigLoader.Loaded withOpen = ConfigLoader.load(options, conf, renderer, stillOpen);
                loaded.targets().close();
                loaded = withOpen;
            }
            audit = options.auditLog() == null ? null : AuditLog.open(options.auditLog());
            return new PosternServer(options, conf, loaded, renderer, store, audit, extraListener);
        } catch (ConfigException | IOException | RuntimeException e) {
            loaded.targets().close();
            if (audit != null) {
                audit.close();
            }
            if (store != null) {
                store.close();
            }
            throw e;
        }
    }

    /** Inventory devices that hold active grants in the ledger. */
    private static java.util.Set<String> deviceTargetsOf(SqliteStateStore store) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Grant g : store.active()) {
            if (!GrantPlanner.LOCAL_TARGET.equals(g.key().target())) {
                out.add(g.key().target());
            }
        }
        return out;
    }

    private GrantPlanner planner(DeviceTargets t, Map<String, String> vars) {
        return new GrantPlanner(renderer, options.firewall(), vars, local, options.stepTimeout(), options.clock(), t,
                store);
    }

    /** Reports the time and result of each close attempt to the listeners (close latency metrics). */
    private GrantCloser timed(GrantCloser closer) {
        return g -> {
            long started = System.nanoTime();
            boolean ok = false;
            try {
                closer.close(g);
                ok = true;
            } finally {
                events.grantCloseAttempted(g, System.nanoTime() - started, ok);
            }
        };
    }

    private String driverOf(String target) {
        return GrantPlanner.LOCAL_TARGET.equals(target) ? MetricsEventListener.LOCAL_DRIVER
                : targets.driverName(target);
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

    /**
     * Re-reads access.conf and the inventory (SIGHUP). On success the new stanzas, devices and planner are
     * swapped in at once, drivers they replace are shut down after {@link #RETIRE_GRACE}, and the ledger and
     * timers stay as they are: every open grant keeps its close time. On any error nothing changes and the
     * reason is logged as {@code reload failed, keeping the previous configuration: file:line: ...}.
     * fwknopd.conf, listen addresses, the firewall family, metrics and audit settings apply at the next
     * start.
     */
    public synchronized ReloadResult reload() {
        if (closed.get()) {
            return ReloadResult.failed("the server is stopping");
        }
        LOG.info("reloading {}{}", options.accessFile() != null ? options.accessFile() : options.accessFolder(),
                options.inventory() != null ? " and " + options.inventory() : "");
        ConfigLoader.Loaded next;
        try {
            next = ConfigLoader.load(options, conf, renderer, deviceTargetsOf(store));
        } catch (ConfigException e) {
            return failed(e.getMessage());
        } catch (RuntimeException e) {
            return failed(e.toString());
        }
        Map<String, String> vars = firewallVars(next.stanzas());
        boolean guardsChanged = !vars.equals(firewallVars);
        DeviceTargets old = targets;
        targets = next.targets();
        stanzas = next.stanzas();
        firewallVars = vars;
        pipeline.replaceConfiguration(next.stanzas(), planner(next.targets(), vars));
        retire(old);
        if (guardsChanged) {
            try {
                provisionLocalFirewall();
            } catch (IOException e) {
                LOG.warn("reload: {}", e.getMessage());
            }
        }
        if (!confDigest.equals(digest(options.fwknopdConf()))) {
            LOG.warn("{} changed: its settings apply at the next restart (a reload reads access.conf and the "
                    + "inventory only)", options.fwknopdConf());
        }
        int open = store.active().size();
        LOG.info("reloaded: {} stanza(s), {} device(s); {} open grant(s) keep their timers", next.stanzas().size(),
                next.targets().size(), open);
        return ReloadResult.ok(next.stanzas().size(), next.targets().size(), open);
    }

    private ReloadResult failed(String why) {
        LOG.error("reload failed, keeping the previous configuration: {}", why);
        return ReloadResult.failed(why);
    }

    private void retire(DeviceTargets old) {
        if (old.size() == 0) {
            return;
        }
        retired.add(old);
        try {
            housekeeping.schedule(() -> {
                if (retired.remove(old)) {
                    old.close();
                }
            }, RETIRE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: close() shuts the retired drivers down
        }
    }

    private static String digest(Path file) {
        if (file == null) {
            return "";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable";
        }
    }

    /** The stanzas in force. */
    public List<AccessStanza> stanzas() {
        return stanzas;
    }

    public PacketCounters counters() {
        return counters;
    }

    /** The metrics registry (served by {@link #startMetrics} when a metrics address is configured). */
    public PrometheusRegistry metricsRegistry() {
        return metrics.registry();
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
     * Serves {@code /metrics} on the configured metrics address, if any.
     *
     * @return the bound address (the real port when 0 was asked for), or null without a metrics address
     * @throws IOException when the address cannot be bound
     */
    public InetSocketAddress startMetrics() throws IOException {
        InetSocketAddress at = options.metricsAddress();
        if (at == null) {
            return null;
        }
        HTTPServer http = HTTPServer.builder().inetAddress(at.getAddress()).port(at.getPort())
                .registry(metrics.registry()).buildAndStart();
        metricsServer = http;
        InetSocketAddress bound = new InetSocketAddress(at.getAddress(), http.getPort());
        LOG.info("metrics on http://{}/metrics", hostPort(bound));
        return bound;
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
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
        PcapFileSummary summary = source.read(pcapFile, pipeline.blockingSink());
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
        HTTPServer http = metricsServer;
        if (http != null) {
            http.close();
        }
        pipeline.close();
        opener.close(); // lets opens under way finish before the ledger closes
        housekeeping.shutdownNow();
        scheduler.close();
        targets.close();
        for (DeviceTargets old : retired) {
            if (retired.remove(old)) {
                old.close();
            }
        }
        int open = store.active().size();
        store.close();
        if (auditLog != null) {
            auditLog.close();
        }
        if (open > 0) {
            LOG.info("stopped; {} grant(s) stay open and will be closed on time by the next start", open);
        }
    }
}
