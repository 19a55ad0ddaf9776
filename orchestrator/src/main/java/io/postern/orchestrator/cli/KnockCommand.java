package io.postern.orchestrator.cli;

import io.postern.orchestrator.knock.HttpSender;
import io.postern.orchestrator.knock.ServerProto;
import io.postern.spa.MessageRules;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.DecodeResult;
import io.postern.spa.codec.SpaDecoder;
import io.postern.spa.codec.SpaEncodeException;
import io.postern.spa.codec.SpaEncoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.config.ConfigException;
import io.postern.spa.config.FwknopRc;
import io.postern.spa.config.RcVariable;
import io.postern.spa.crypto.DigestType;
import io.postern.spa.gpg.GpgKeys;
import io.postern.spa.gpg.GpgSender;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code postern knock}: the SPA client, with the fwknop 2.6.10 client's option names and meanings and
 * its {@code ~/.fwknoprc} ({@code [default]}, then {@code -n} stanza, then the command line). It builds
 * the packet, decodes it back as a self-check (as {@code fwknop -T} does), and sends exactly the packet
 * bytes over UDP, TCP or HTTP.
 */
@Command(name = "knock", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send an SPA packet, as the fwknop client does (same options, same ~/.fwknoprc).",
            "IPv6 allow addresses (-a 2001:db8::1) and IPv6 destinations work with Postern's own receiver;"
                + " fwknopd 2.6.10 cannot take them."},
        footer = {"", "Example: postern knock -A tcp/22 -a 198.51.100.7 -D gw.example.net --key-file ~/.postern-keys"})
public final class KnockCommand implements Callable<Integer> {

    /** fwknop's default port, for udp, tcp and http alike. */
    static final int DEFAULT_PORT = 62201;
    /** fwknop's {@code MAX_USERNAME_LEN} buffer keeps 29 characters of {@code -U}. */
    static final int MAX_SPOOF_USER = 29;

    @Spec
    CommandSpec spec;

    @Option(names = {"-A", "--access"}, paramLabel = "PROTO/PORT[,...]", description = "Ports to open, e.g. tcp/22,udp/53.")
    String access;
    @Option(names = {"-a", "--allow-ip"}, paramLabel = "IP", description = "Address to allow (IPv4, or IPv6 for Postern).")
    String allowIp;
    @Option(names = {"-s", "--source-ip"}, description = "Allow the packet's source address (sends 0.0.0.0).")
    boolean sourceIp;
    @Option(names = {"-R", "--resolve-ip-https"}, description = "Not supported (needs an external web service); use -a or -s.")
    boolean resolveIp;
    @Option(names = {"-D", "--destination"}, paramLabel = "HOST", description = "SPA server (name, IPv4 or IPv6).")
    String destination;
    @Option(names = {"-p", "--server-port"}, paramLabel = "PORT", description = "Destination port (default 62201).")
    Integer port;
    @Option(names = {"-P", "--server-proto"}, paramLabel = "PROTO", description = "udp (default), tcp or http.")
    String proto;
    @Option(names = {"-n", "--named-config"}, paramLabel = "STANZA", description = "Use this ~/.fwknoprc stanza over [default].")
    String named;
    @Option(names = "--rc-file", paramLabel = "FILE", description = "Read this file instead of ~/.fwknoprc.")
    Path rcFile;
    @Option(names = "--no-rc-file", description = "Do not read any rc file.")
    boolean noRcFile;
    @Option(names = {"-f", "--fw-timeout"}, paramLabel = "SECONDS", description = "Ask for this access time (0..65536).")
    Integer fwTimeout;
    @Option(names = {"-N", "--nat-access"}, paramLabel = "HOST[:PORT]", description = "NAT request to an internal host.")
    String natAccess;
    @Option(names = "--nat-local", description = "NAT to a port on the SPA server itself.")
    boolean natLocal;
    @Option(names = "--nat-port", paramLabel = "PORT", description = "Port to ask for in place of the -A port.")
    Integer natPort;
    @Option(names = {"-C", "--server-cmd"}, paramLabel = "COMMAND", description = "Send a command message (-A is ignored).")
    String serverCmd;
    @Option(names = {"-U", "--spoof-user"}, paramLabel = "USER", description = "Username to send (cut to 29 characters).")
    String spoofUser;
    @Option(names = {"-m", "--digest-type"}, paramLabel = "TYPE",
            description = "Inner digest: md5, sha1, sha256 (default), sha384, sha512, sha3_256, sha3_512.")
    String digestType;
    @Mixin
    KeyOptions keys;

    @Mixin
    GpgKnockOptions gpg;
    @Option(names = {"-k", "--key-gen"}, description = "Generate keys (as 'postern keygen') and exit.")
    boolean keyGen;
    @Mixin
    KeyGenOptions keyGenOptions;
    @Option(names = {"-T", "--test"}, description = "Build and print the packet, do not send it.")
    boolean test;
    @Option(names = {"-B", "--save-packet"}, paramLabel = "FILE", description = "Write the packet and a newline to FILE.")
    Path savePacket;
    @Option(names = "--time-offset-plus", paramLabel = "N[s|m|h|d]", description = "Move the timestamp forward.")
    String offsetPlus;
    @Option(names = "--time-offset-minus", paramLabel = "N[s|m|h|d]", description = "Move the timestamp back.")
    String offsetMinus;
    @Option(names = {"-v", "--verbose"}, description = "Print the packet fields and what is sent (never the keys).")
    boolean verbose;

    Clock clock = Clock.systemUTC();
    Function<String, String> env = System::getenv;
    InputStream stdin = System.in;
    SpaEncoder encoder = new SpaEncoder();

    @Override
    public Integer call() throws ConfigException, SpaEncodeException {
        PrintWriter out = spec.commandLine().getOut();
        FwknopRc rc = RcFiles.load(noRcFile, rcFile, named, env);
        if (keyGen) {
            return keyGenOptions.run(keys.hmacType(rc), new java.security.SecureRandom(), out);
        }
        rejectUnsupported(rc);
        String server = Optional.ofNullable(destination).or(() -> rc.value(RcVariable.SPA_SERVER)).orElse(null);
        if (server == null && !test) {
            throw CliException.usage("missing -D/--destination (needed unless -T/--test)");
        }
        SpaMessage msg = message(rc, server);
        DigestType digest = Optional.ofNullable(digestType).or(() -> rc.value(RcVariable.DIGEST_TYPE))
                .map(n -> KeyOptions.parse(() -> DigestType.fromName(n))).orElse(DigestType.SHA256);
        if (gpg.enabled(rc) || keys.asymmetric(rc)) {
            return knockGpg(rc, server, msg, digest, out);
        }
        SpaKeys k = keys.resolve(rc, server, stdin);
        String packet = encoder.encode(msg, k, digest);
        DecodeResult self = SpaDecoder.decode(packet, k);
        if (!self.isAccepted()) {
            throw CliException.runtime("self-check failed: the packet does not decode (" + self.rejection() + ")", null);
        }
        boolean chatty = verbose || rc.value(RcVariable.VERBOSE).map(v -> !v.equals("0")).orElse(false);
        if (test || chatty) {
            FieldPrinter.print(out, self, packet);
        }
        if (savePacket != null) {
            save(packet);
        }
        if (test) {
            out.println();
            out.println("test mode enabled, SPA packet not actually sent.");
            out.flush();
            return 0;
        }
        send(rc, server, packet, chatty, out);
        return 0;
    }

    private SpaMessage message(FwknopRc rc, String server) {
        String allow = allowIp(rc);
        KnockMessages.Fields f;
        if (serverCmd != null) {
            f = KnockMessages.command(allow, serverCmd);
        } else {
            String acc = Optional.ofNullable(access).or(() -> rc.value(RcVariable.ACCESS)).orElseThrow(
                    () -> CliException.usage("missing -A/--access (or -C/--server-cmd)"));
            f = KnockMessages.access(allow, acc,
                    Optional.ofNullable(natAccess).or(() -> rc.value(RcVariable.NAT_ACCESS)).orElse(null),
                    natLocal || rc.isYes(RcVariable.NAT_LOCAL),
                    Optional.ofNullable(natPort).or(() -> rc.intValue(RcVariable.NAT_PORT)).orElse(null), server);
        }
        int timeout = Optional.ofNullable(fwTimeout).or(() -> rc.intValue(RcVariable.FW_TIMEOUT)).orElse(0);
        if (timeout < 0 || timeout > MessageRules.MAX_CLIENT_TIMEOUT) {
            throw CliException.usage("-f/--fw-timeout " + timeout + " is outside 0.." + MessageRules.MAX_CLIENT_TIMEOUT);
        }
        long now = clock.instant().getEpochSecond() + timeOffset(rc);
        return new SpaMessage(encoder.newRandomValue(), username(rc), now, SpaMessage.PROTOCOL_VERSION,
                f.type().withClientTimeout(timeout > 0), f.message(), f.natAccess(), null, timeout);
    }

    private String allowIp(FwknopRc rc) {
        if (resolveIp) {
            throw CliException.usage("-R/--resolve-ip-https asks a web service on the internet for your address; "
                    + "not supported: use -a <your address> or -s");
        }
        if (allowIp != null && sourceIp) {
            throw CliException.usage("use either -a/--allow-ip or -s/--source-ip, not both");
        }
        String ip = sourceIp ? "0.0.0.0" : allowIp;
        if (ip == null) {
            ip = rc.value(RcVariable.ALLOW_IP).orElseThrow(() -> CliException.usage(
                    "missing -a/--allow-ip or -s/--source-ip (-R is not supported)"));
            if (ip.equalsIgnoreCase("source")) {
                ip = "0.0.0.0";
            } else if (ip.equalsIgnoreCase("resolve")) {
                throw CliException.usage("ALLOW_IP resolve in " + rc.file() + " needs an external web service; "
                        + "not supported: use -a or -s");
            }
        }
        if (MessageRules.checkAllowIp(ip) != null) {
            throw CliException.usage("invalid allow IP '" + MessageRules.printable(ip) + "' (expected IPv4 or IPv6 address)");
        }
        return ip;
    }

    private String username(FwknopRc rc) {
        String u = Optional.ofNullable(spoofUser).or(() -> rc.value(RcVariable.SPOOF_USER)).orElse(null);
        // fwknop's order: $SPOOF_USER, $LOGNAME, the login name (cuserid), $USER, then NO_USER
        for (String var : new String[] {"SPOOF_USER", "LOGNAME", null, "USER"}) {
            if (u == null || u.isEmpty()) {
                u = var == null ? System.getProperty("user.name") : env.apply(var);
            }
        }
        u = u == null || u.isEmpty() ? "NO_USER" : u;
        return u.length() > MAX_SPOOF_USER ? u.substring(0, MAX_SPOOF_USER) : u;
    }

    private long timeOffset(FwknopRc rc) {
        if (offsetPlus == null && offsetMinus == null) {
            return rc.timeOffsetSeconds();
        }
        return offset(offsetPlus, "--time-offset-plus") - offset(offsetMinus, "--time-offset-minus");
    }

    private static long offset(String text, String option) {
        if (text == null) {
            return 0;
        }
        Long s = text.startsWith("-") ? null : FwknopRc.timeOffsetSeconds(text);
        if (s == null) {
            throw CliException.usage(option + " '" + MessageRules.printable(text) + "' (expected N, Ns, Nm, Nh or Nd)");
        }
        return s;
    }

    private static void rejectUnsupported(FwknopRc rc) {
        for (RcVariable v : new RcVariable[] {RcVariable.RAND_PORT, RcVariable.NAT_RAND_PORT,
            RcVariable.RESOLVE_IP_HTTP, RcVariable.RESOLVE_IP_HTTPS}) {
            if (rc.isYes(v)) {
                throw CliException.usage(rc.file() + ": " + v + " Y is not supported by postern knock");
            }
        }
        if (rc.value(RcVariable.SPOOF_SOURCE_IP).isPresent()) {
            throw CliException.usage(rc.file() + ": SPOOF_SOURCE_IP needs raw sockets and is not supported");
        }
    }

    /**
     * GPG mode: sign-then-encrypt to the recipient. The client holds no secret key of the server, so
     * unlike Rijndael there is no decrypting self-check; the encoder checks the framing and length.
     */
    private int knockGpg(FwknopRc rc, String server, SpaMessage msg, DigestType digest, PrintWriter out)
            throws SpaEncodeException {
        GpgSender sender = gpg.sender(rc, env.apply("HOME"));
        io.postern.spa.crypto.KeyMaterial hmac = keys.hmacOnly(rc, server, stdin);
        io.postern.spa.crypto.HmacType hmacType = hmac == null ? null : keys.hmacType(rc);
        SpaKeys k = SpaKeys.gpgOnly(GpgKeys.sending(sender), hmac,
                hmacType == null ? io.postern.spa.crypto.HmacType.SHA256 : hmacType);
        String packet = encoder.encode(msg, k, digest);
        if (!sender.fwknopdCompatible()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("warning: the recipient key is not RSA, so the packet starts with 'hF' on the OpenPGP side; "
                    + "fwknopd 2.6.10 re-adds 'hQ' and cannot accept it (upstream issue #247). Only a Postern receiver "
                    + "takes it; use an RSA key for fwknopd.");
            err.flush();
        }
        boolean chatty = verbose || rc.value(RcVariable.VERBOSE).map(v -> !v.equals("0")).orElse(false);
        if (test || chatty) {
            GpgKnockOptions.print(out, msg, digest, hmacType, sender, packet);
        }
        if (savePacket != null) {
            save(packet);
        }
        if (test) {
            out.println();
            out.println("test mode enabled, SPA packet not actually sent.");
            out.flush();
            return 0;
        }
        send(rc, server, packet, chatty, out);
        return 0;
    }

    private void save(String packet) {
        try {
            Files.write(savePacket, (packet + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw CliException.runtime("cannot write " + savePacket + ": " + e.getMessage(), e);
        }
    }

    private void send(FwknopRc rc, String server, String packet, boolean chatty, PrintWriter out) {
        ServerProto p = KeyOptions.parse(() -> ServerProto.fromName(
                Optional.ofNullable(proto).or(() -> rc.value(RcVariable.SPA_SERVER_PROTO)).orElse("udp")));
        int dport = Optional.ofNullable(port).or(() -> rc.intValue(RcVariable.SPA_SERVER_PORT)).orElse(DEFAULT_PORT);
        if (dport < 1 || dport > 65535) {
            throw CliException.usage("server port " + dport + " is outside 1..65535");
        }
        InetAddress addr;
        try {
            addr = InetAddress.getByName(server);
        } catch (UnknownHostException e) {
            throw CliException.runtime("cannot resolve destination '" + MessageRules.printable(server) + "'", e);
        }
        String ua = rc.value(RcVariable.HTTP_USER_AGENT).orElse(HttpSender.DEFAULT_USER_AGENT);
        if (chatty) {
            out.println();
            out.println("Sending SPA packet: protocol " + p.configName() + ", destination " + server + " ("
                    + addr.getHostAddress() + ") port " + dport + ", " + packet.length() + " bytes");
            out.flush();
        }
        try {
            p.sender(server, ua).send(packet, new InetSocketAddress(addr, dport));
        } catch (IOException e) {
            throw CliException.runtime("cannot send to " + server + " port " + dport + " over " + p.configName()
                    + ": " + e.getMessage(), e);
        }
    }
}
