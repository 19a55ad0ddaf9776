package io.postern.orchestrator.serve;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@code postern serve} was asked to run, after the command line and before the files are read.
 *
 * @param accessFile     access.conf (fwknop syntax), or null when only a folder is given
 * @param accessFolder   a folder of *.conf access files, or null
 * @param fwknopdConf    fwknopd.conf, or null for fwknopd's defaults
 * @param bind           UDP addresses to bind (wildcards expand to every local address); empty means the
 *                       wildcard on {@code udpPort}
 * @param udpPort        UDP port when {@code bind} is empty; 0 takes UDPSERV_PORT from fwknopd.conf
 * @param pcapInterface  capture on this interface instead of the UDP socket, or null
 * @param testMode       decide every packet but open nothing (fwknopd's -t)
 * @param stateDir       where postern.db lives
 * @param firewall       local firewall template family for stanzas without CMD_CYCLE (nftables, iptables,
 *                       ipset, firewalld)
 * @param templateDir    a user template folder that overrides the shipped templates, or null
 * @param threads        pipeline worker threads
 * @param stepTimeout    time limit of each local command
 * @param clock          the clock (fake in tests)
 * @param inventory      the device inventory (YAML) that stanzas' TARGETS name, or null
 * @param metricsAddress where to serve Prometheus metrics ({@code /metrics}), or null for none
 * @param auditLog       the audit log file (JSON lines), or null for none
 */
public record ServerOptions(Path accessFile, Path accessFolder, Path fwknopdConf, List<InetSocketAddress> bind,
                            int udpPort, String pcapInterface, boolean testMode, Path stateDir, String firewall,
                            Path templateDir, int threads, Duration stepTimeout, Clock clock, Path inventory,
                            InetSocketAddress metricsAddress, Path auditLog) {

    /** Default state folder, as the systemd unit's StateDirectory. */
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/postern");
    /** Default configuration folder. */
    public static final Path DEFAULT_CONFIG_DIR = Path.of("/etc/postern");

    public ServerOptions {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(firewall, "firewall");
        Objects.requireNonNull(clock, "clock");
        bind = List.copyOf(bind);
        if (accessFile == null && accessFolder == null) {
            throw new IllegalArgumentException("an access.conf file or folder is required");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    /** Options without metrics or audit log. */
    public ServerOptions(Path accessFile, Path accessFolder, Path fwknopdConf, List<InetSocketAddress> bind, int udpPort,
                         String pcapInterface, boolean testMode, Path stateDir, String firewall, Path templateDir,
                         int threads, Duration stepTimeout, Clock clock, Path inventory) {
        this(accessFile, accessFolder, fwknopdConf, bind, udpPort, pcapInterface, testMode, stateDir, firewall,
                templateDir, threads, stepTimeout, clock, inventory, null, null);
    }

    /** These options with a metrics address and an audit log file (either may be null). */
    public ServerOptions withObservability(InetSocketAddress metrics, Path audit) {
        return new ServerOptions(accessFile, accessFolder, fwknopdConf, bind, udpPort, pcapInterface, testMode, stateDir,
                firewall, templateDir, threads, stepTimeout, clock, inventory, metrics, audit);
    }

    /** Options without an inventory (every stanza local). */
    public ServerOptions(Path accessFile, Path accessFolder, Path fwknopdConf, List<InetSocketAddress> bind, int udpPort,
                         String pcapInterface, boolean testMode, Path stateDir, String firewall, Path templateDir,
                         int threads, Duration stepTimeout, Clock clock) {
        this(accessFile, accessFolder, fwknopdConf, bind, udpPort, pcapInterface, testMode, stateDir, firewall,
                templateDir, threads, stepTimeout, clock, null);
    }
}
