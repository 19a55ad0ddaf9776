package io.postern.spa.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The fwknopd.conf settings a receiver honours, with fwknopd 2.6.10's defaults (as {@code fwknopd -D}
 * prints them). Unknown names are kept in {@link #unknown()} and reported in {@link #warnings()},
 * never fatal, as in fwknopd.
 *
 * @param file              the file read, or null for {@link #defaults()}
 * @param pcapInterface     PCAP_INTF (eth0)
 * @param pcapFilter        PCAP_FILTER ("udp port 62201"; trailing whitespace kept as fwknopd does)
 * @param pcapPromisc       ENABLE_PCAP_PROMISC (N)
 * @param pcapAnyDirection  ENABLE_PCAP_ANY_DIRECTION (N)
 * @param maxSniffBytes     MAX_SNIFF_BYTES (1500)
 * @param packetAging       ENABLE_SPA_PACKET_AGING (Y)
 * @param maxPacketAge      MAX_SPA_PACKET_AGE seconds (120, range 1..100000)
 * @param digestPersistence ENABLE_DIGEST_PERSISTENCE (Y); with N fwknopd has no replay check at all
 * @param digestFile        DIGEST_FILE ($FWKNOP_RUN_DIR/digest.cache)
 * @param spaOverHttp       ENABLE_SPA_OVER_HTTP (N)
 * @param xForwardedFor     ENABLE_X_FORWARDED_FOR (N)
 * @param tcpServer         ENABLE_TCP_SERVER (N)
 * @param tcpServerPort     TCPSERV_PORT (62201)
 * @param udpServer         ENABLE_UDP_SERVER (N)
 * @param udpServerPort     UDPSERV_PORT (62201)
 * @param destinationRule   ENABLE_DESTINATION_RULE (N)
 * @param natDns            ENABLE_NAT_DNS (Y)
 * @param iptForwarding     ENABLE_IPT_FORWARDING (N): NAT_ACCESS requests and FORCE_NAT
 * @param iptLocalNat       ENABLE_IPT_LOCAL_NAT (N): LOCAL_NAT requests
 * @param accessFile        ACCESS_FILE (/etc/fwknop/access.conf)
 * @param accessFolder      ACCESS_FOLDER, or null
 * @param runDir            FWKNOP_RUN_DIR (/run/fwknop, Debian's build)
 * @param gpgHomeDir        GPG_HOME_DIR (/root/.gnupg)
 * @param unknown           names fwknopd does not know, with their values
 * @param warnings          what fwknopd would log and go on with
 */
public record FwknopdConf(
        Path file,
        String pcapInterface,
        String pcapFilter,
        boolean pcapPromisc,
        boolean pcapAnyDirection,
        int maxSniffBytes,
        boolean packetAging,
        int maxPacketAge,
        boolean digestPersistence,
        String digestFile,
        boolean spaOverHttp,
        boolean xForwardedFor,
        boolean tcpServer,
        int tcpServerPort,
        boolean udpServer,
        int udpServerPort,
        boolean destinationRule,
        boolean natDns,
        boolean iptForwarding,
        boolean iptLocalNat,
        String accessFile,
        String accessFolder,
        String runDir,
        String gpgHomeDir,
        Map<String, String> unknown,
        List<ConfigWarning> warnings) {

    public FwknopdConf {
        unknown = Map.copyOf(unknown);
        warnings = List.copyOf(warnings);
    }

    /** fwknopd's compiled-in defaults, as if fwknopd.conf were empty. */
    public static FwknopdConf defaults() {
        return FwknopdConfReader.fromValues(null, Map.of(), Map.of(), List.of());
    }

    /** A copy with the NAT flags set, for tests and for callers that build settings by hand. */
    public FwknopdConf withNat(boolean forwarding, boolean localNat) {
        return new FwknopdConf(file, pcapInterface, pcapFilter, pcapPromisc, pcapAnyDirection, maxSniffBytes,
                packetAging, maxPacketAge, digestPersistence, digestFile, spaOverHttp, xForwardedFor, tcpServer,
                tcpServerPort, udpServer, udpServerPort, destinationRule, natDns, forwarding, localNat, accessFile,
                accessFolder, runDir, gpgHomeDir, unknown, warnings);
    }
}
