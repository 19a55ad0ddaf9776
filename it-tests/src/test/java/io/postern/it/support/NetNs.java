package io.postern.it.support;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pair of fresh network namespaces joined by a veth link: the "server" end has {@code x.x.x.1/30}
 * and the "client" end {@code x.x.x.2/30}, from a /30 inside 198.18.0.0/15 (RFC 2544 benchmarking
 * space) chosen per process and instance. Both veth ends are created inside the namespaces, so no
 * interface ever appears on the host, and the host's firewall is never touched. {@link #close()}
 * deletes both namespaces (and with them the link). Names are unique per JVM and instance.
 */
public final class NetNs implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);
    /** Number of /30 subnets in 198.18.0.0/15. */
    private static final int SUBNETS = 1 << 15;

    private final String server;
    private final String client;
    private final InetAddress serverAddress;
    private final InetAddress clientAddress;
    private final List<String> created = new ArrayList<>();

    private NetNs(String prefix, int index) {
        this.server = prefix + "-s";
        this.client = prefix + "-c";
        int base = (198 << 24) | (18 << 16) | ((index % SUBNETS) * 4);
        this.serverAddress = ipv4(base + 1);
        this.clientAddress = ipv4(base + 2);
    }

    /** Creates the namespaces, the veth link, the addresses, and brings lo and the link up. */
    public static NetNs create() {
        long pid = ProcessHandle.current().pid();
        int n = COUNTER.incrementAndGet();
        NetNs ns = new NetNs("postern-it-" + pid + "-" + n, (int) ((pid * 31 + n) & 0x7fffffff));
        try {
            ns.setUp();
            return ns;
        } catch (RuntimeException | Error e) {
            ns.close();
            throw e;
        }
    }

    /** Whether {@code ip netns} can create and delete a namespace here. */
    static boolean supported() {
        String probe = "postern-it-probe-" + ProcessHandle.current().pid();
        ProcessRunner.Result add = ProcessRunner.run(List.of("ip", "netns", "add", probe), IP_TIMEOUT);
        if (add.exitCode() != 0) {
            return false;
        }
        return ProcessRunner.run(List.of("ip", "netns", "del", probe), IP_TIMEOUT).exitCode() == 0;
    }

    private void setUp() {
        ip("netns", "add", server);
        created.add(server);
        ip("netns", "add", client);
        created.add(client);
        ip("-n", server, "link", "add", "veth-s", "type", "veth", "peer", "name", "veth-c", "netns", client);
        ip("-n", server, "addr", "add", serverAddress.getHostAddress() + "/30", "dev", "veth-s");
        ip("-n", client, "addr", "add", clientAddress.getHostAddress() + "/30", "dev", "veth-c");
        for (String[] nsDev : new String[][] {{server, "lo"}, {server, "veth-s"}, {client, "lo"}, {client, "veth-c"}}) {
            ip("-n", nsDev[0], "link", "set", nsDev[1], "up");
        }
    }

    /** The namespace that plays the server (address {@link #serverAddress()}). */
    public String serverNs() {
        return server;
    }

    /** The namespace that plays the client (address {@link #clientAddress()}). */
    public String clientNs() {
        return client;
    }

    public InetAddress serverAddress() {
        return serverAddress;
    }

    public InetAddress clientAddress() {
        return clientAddress;
    }

    /** {@code argv} prefixed to run inside namespace {@code ns}. */
    public static List<String> exec(String ns, List<String> argv) {
        List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        out.addAll(argv);
        return out;
    }

    @Override
    public void close() {
        for (int i = created.size() - 1; i >= 0; i--) {
            ProcessRunner.run(List.of("ip", "netns", "del", created.get(i)), IP_TIMEOUT);
        }
        created.clear();
    }

    private static void ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        ProcessRunner.Result r = ProcessRunner.run(argv, IP_TIMEOUT);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("ip failed: " + r.describe());
        }
    }

    private static InetAddress ipv4(int v) {
        try {
            return Inet4Address.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return server + " (" + serverAddress.getHostAddress() + ") <-> " + client + " (" + clientAddress.getHostAddress() + ")";
    }
}
