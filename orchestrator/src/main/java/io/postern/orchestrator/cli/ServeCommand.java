package io.postern.orchestrator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.postern.orchestrator.log.BatchingConsoleAppender;
import io.postern.spa.Rejection;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import io.postern.orchestrator.event.PacketCounters;
import io.postern.orchestrator.event.PosternEventListener;
import io.postern.orchestrator.receive.PcapFileSummary;
import io.postern.orchestrator.serve.PosternServer;
import io.postern.orchestrator.serve.ServerOptions;
import io.postern.orchestrator.serve.SignalReloader;
import io.postern.spa.config.ConfigException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code postern serve}: the receiver that replaces fwknopd, in fwknopd's command-line style. Runs in the
 * foreground, logs to standard output, stops cleanly on SIGTERM/SIGINT and re-reads access.conf and the
 * inventory on SIGHUP. With {@code --pcap-file} it reads the capture as fast as it can, prints a summary
 * and exits.
 */
@Command(name = "serve", sortOptions = false,
        description = {"Receive SPA packets and open what valid ones ask for (replaces fwknopd).",
            "Reads access.conf and fwknopd.conf as fwknopd 2.6.10 does. Listens on UDP by default (no privilege "
                + "needed); -i captures with libpcap instead. Open grants are kept in --state-dir and closed on time, "
                + "also across restarts."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-a", "--access-file"}, paramLabel = "FILE",
            description = "access.conf (default: /etc/postern/access.conf unless --access-folder is given)")
    Path accessFile;

    @Option(names = {"--access-folder"}, paramLabel = "DIR", description = "read every *.conf in DIR as access.conf")
    Path accessFolder;

    @Option(names = {"-c", "--config-file"}, paramLabel = "FILE",
            description = "fwknopd.conf (default: /etc/postern/fwknopd.conf if it exists, else fwknopd's defaults)")
    Path fwknopdConf;

    @Option(names = {"--inventory"}, paramLabel = "FILE",
            description = "device inventory (YAML) for stanzas with TARGETS (default: /etc/postern/inventory.yaml if it exists)")
    Path inventory;

    @Option(names = {"-U", "--udp-server"}, description = "UDP server mode (the default; accepted for fwknopd compatibility)")
    boolean udpServer;

    @Option(names = {"--udp-port"}, paramLabel = "N", description = "UDP port (default: UDPSERV_PORT, 62201)")
    int udpPort;

    @Option(names = {"--bind"}, paramLabel = "ADDR[:PORT]",
            description = "address to listen on, IPv4 or IPv6 (repeatable; default: every local address)")
    List<String> bind = new ArrayList<>();

    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE",
            description = "capture on IFACE with libpcap and PCAP_FILTER instead of a UDP socket (needs CAP_NET_RAW)")
    String pcapInterface;

    @Option(names = {"--pcap-file"}, paramLabel = "FILE",
            description = "process every packet of a capture file, print a summary and exit; repeat the option "
                    + "to read several files in order, one summary each (replay digests carry over between them)")
    List<Path> pcapFiles = new ArrayList<>();

    @Option(names = {"--state-dir"}, paramLabel = "DIR", description = "grant ledger and replay digests (default: /var/lib/postern)")
    Path stateDir = ServerOptions.DEFAULT_STATE_DIR;

    @Option(names = {"--firewall"}, paramLabel = "FAMILY",
            description = "local firewall for stanzas without CMD_CYCLE: nftables (default), iptables, ipset, firewalld")
    String firewall = "nftables";

    @Option(names = {"--template-dir"}, paramLabel = "DIR", description = "templates that override the shipped ones")
    Path templateDir;

    @Option(names = {"--threads"}, paramLabel = "N", description = "pipeline worker threads (default: number of cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"--command-timeout"}, paramLabel = "SECONDS", description = "time limit of each local command (default: 10)")
    int commandTimeout = 10;

    @Option(names = {"--metrics-address"}, paramLabel = "HOST:PORT",
            description = "serve Prometheus metrics at http://HOST:PORT/metrics (default: off; e.g. 127.0.0.1:9162)")
    String metricsAddress;

    @Option(names = {"--audit-log"}, paramLabel = "FILE",
            description = "append the audit log (one JSON object per line: accepted packets, grant transitions) to FILE "
                + "(default: off; the systemd unit uses /var/log/postern/audit.jsonl)")
    Path auditLog;

    @Option(names = {"-t", "--test"}, description = "decide every packet but run no command and store no replay digest")
    boolean test;

    @Option(names = {"-v", "--verbose"}, description = "debug logging")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        configureLogging();
        ServerOptions options = options();
        if (!pcapFiles.isEmpty()) {
            return replay(options);
        }
        CountDownLatch stop = new CountDownLatch(1);
        PosternServer server = PosternServer.create(options, PosternEventListener.NONE);
        SignalReloader reloader = SignalReloader.install(server);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }, "postern-shutdown"));
        try {
            server.provisionLocalFirewall();
            server.recoverAndStartTimers();
            server.startMetrics();
            server.startReceiver();
            stop.await();
        } finally {
            if (reloader != null) {
                reloader.close();
            }
            server.close();
        }
        return 0;
    }

    private int replay(ServerOptions options) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (PosternServer server = PosternServer.create(options, PosternEventListener.NONE)) {
            server.recoverAndStartTimers();
            PacketCounters c = server.counters();
            for (Path pcapFile : pcapFiles) {
                long received = c.received();
                long accepted = c.accepted();
                long rejected = c.rejected();
                Map<Rejection, Long> byReason = c.rejectedByReason();
                long dropped = server.pipeline().dropped();
                PcapFileSummary s = server.replay(pcapFile);
                double seconds = s.elapsed().toNanos() / 1e9;
                out.printf("pcap file: %s%n", pcapFile);
                out.printf("packets: %d (SPA candidates: %d)%n", s.records(), c.received() - received);
                out.printf("accepted: %d%n", c.accepted() - accepted);
                out.printf("rejected: %d%n", c.rejected() - rejected);
                if (server.pipeline().dropped() > dropped) {
                    out.printf("dropped: %d (not judged)%n", server.pipeline().dropped() - dropped);
                }
                c.rejectedByReason().forEach((r, n) -> {
                    long before = byReason.getOrDefault(r, 0L);
                    if (n > before) {
                        out.printf("  %-24s %d%n", r.name(), n - before);
                    }
                });
                out.printf("seconds: %.3f%n", seconds);
                out.printf("packets/s: %.0f%n", seconds > 0 ? s.records() / seconds : 0.0);
                out.flush();
            }
        }
        return 0;
    }

    private ServerOptions options() throws ConfigException {
        Path access = accessFile;
        if (access == null && accessFolder == null) {
            access = ServerOptions.DEFAULT_CONFIG_DIR.resolve("access.conf");
        }
        if (access != null && !Files.isRegularFile(access)) {
            throw CliException.usage("access file not found: " + access);
        }
        if (accessFolder != null && !Files.isDirectory(accessFolder)) {
            throw CliException.usage("access folder not found: " + accessFolder);
        }
        Path conf = fwknopdConf;
        if (conf == null && Files.isRegularFile(ServerOptions.DEFAULT_CONFIG_DIR.resolve("fwknopd.conf"))) {
            conf = ServerOptions.DEFAULT_CONFIG_DIR.resolve("fwknopd.conf");
        }
        if (conf != null && !Files.isRegularFile(conf)) {
            throw CliException.usage("config file not found: " + conf);
        }
        if (udpPort < 0 || udpPort > 65535) {
            throw CliException.usage("--udp-port out of range 0..65535: " + udpPort);
        }
        if (threads < 1) {
            throw CliException.usage("--threads must be at least 1");
        }
        if (commandTimeout < 1) {
            throw CliException.usage("--command-timeout must be at least 1 second");
        }
        if (pcapInterface != null && !pcapFiles.isEmpty()) {
            throw CliException.usage("-i and --pcap-file exclude each other");
        }
        Path inv = inventory;
        if (inv == null && Files.isRegularFile(ServerOptions.DEFAULT_CONFIG_DIR.resolve("inventory.yaml"))) {
            inv = ServerOptions.DEFAULT_CONFIG_DIR.resolve("inventory.yaml");
        }
        if (inv != null && !Files.isRegularFile(inv)) {
            throw CliException.usage("inventory not found: " + inv);
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String b : bind) {
            addresses.add(parseBind(b));
        }
        InetSocketAddress metrics = metricsAddress == null ? null : parseHostPort("--metrics-address", metricsAddress);
        return new ServerOptions(access, accessFolder, conf, addresses, udpPort, pcapInterface, test, stateDir,
                firewall, templateDir, threads, Duration.ofSeconds(commandTimeout), Clock.systemUTC(), inv)
                .withObservability(metrics, auditLog);
    }

    /** HOST:PORT or [IPv6]:PORT, an IP literal (no name lookups), port 0..65535 (0 takes a free one). */
    static InetSocketAddress parseHostPort(String option, String value) {
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            host = "";
        }
        if (host.isEmpty() || (!io.postern.spa.MessageRules.isDottedQuad(host)
                && !io.postern.spa.MessageRules.isIpv6Literal(host))) {
            throw CliException.usage(option + " '" + value + "': expected HOST:PORT with an IP address, e.g. "
                    + "127.0.0.1:9162 or [::1]:9162");
        }
        try {
            int port = port(option + " '" + value + "'", value.substring(colon));
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw CliException.usage(option + " '" + value + "': " + e.getMessage());
        }
    }

    private InetSocketAddress parseBind(String b) {
        String host = b;
        int port = udpPort > 0 ? udpPort : 62201;
        if (b.startsWith("[")) {
            int end = b.indexOf(']');
            if (end < 0) {
                throw CliException.usage("--bind '" + b + "': missing ']'");
            }
            host = b.substring(1, end);
            if (b.length() > end + 1) {
                port = port("--bind '" + b + "'", b.substring(end + 1));
            }
        } else if (b.indexOf(':') >= 0 && b.indexOf(':') == b.lastIndexOf(':')) {
            host = b.substring(0, b.indexOf(':'));
            port = port("--bind '" + b + "'", b.substring(b.indexOf(':')));
        }
        try {
            if (!io.postern.spa.MessageRules.isDottedQuad(host) && !io.postern.spa.MessageRules.isIpv6Literal(host)) {
                throw CliException.usage("--bind '" + b + "': expected an IPv4 or IPv6 address");
            }
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw CliException.usage("--bind '" + b + "': " + e.getMessage());
        }
    }

    private static int port(String b, String colonPort) {
        try {
            int p = Integer.parseInt(colonPort.substring(1));
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (RuntimeException e) {
            throw CliException.usage(b + ": bad port (expected 0..65535)");
        }
    }

    /** Serve logs to standard output (a foreground daemon under systemd); -v turns on debug lines. */
    private void configureLogging() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<ConsoleAppender<ILoggingEvent>> consoles = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
                consoles.add(console);
            }
        }
        for (ConsoleAppender<ILoggingEvent> console : consoles) {
            // the same lines, written in batches by one thread (see BatchingConsoleAppender for why)
            BatchingConsoleAppender<ILoggingEvent> batching = new BatchingConsoleAppender<>(() -> System.out, 16_384);
            batching.setContext(ctx);
            batching.setName(console.getName());
            root.detachAppender(console);
            console.stop();
            if (!console.getEncoder().isStarted()) {
                console.getEncoder().start();
            }
            batching.setEncoder(console.getEncoder());
            batching.start();
            root.addAppender(batching);
            Runtime.getRuntime().addShutdownHook(new Thread(batching::stop, "postern-log-flush"));
        }
        if (verbose) {
            ctx.getLogger("io.postern").setLevel(Level.DEBUG);
        }
    }
}
