package io.postern.orchestrator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postern.spa.SpaMessage;
import io.postern.spa.codec.DecodeResult;
import io.postern.spa.codec.SpaDecoder;
import io.postern.spa.codec.SpaKeys;
import io.postern.spa.config.FwknopRc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code postern decode}: verifies and prints one packet under the given keys, with the receiver's
 * decoder (HMAC before decryption, then the fields and inner digest) but without a clock or replay
 * state, so a captured packet can be examined at any time. Exit 0 if it decodes, 1 if it is rejected.
 */
@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Verify and print one SPA packet, given its keys (no clock, no replay check).")
public final class DecodeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    KeyOptions keys;

    @Option(names = "--json", description = "Print one JSON object (fields, or {\"rejected\": REASON, \"detail\": ...}).")
    boolean json;

    @Parameters(paramLabel = "PACKET", description = "The packet as sent (base64), or - to read it from standard input.")
    String packet;

    InputStream stdin = System.in;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        InputStream keyInput = stdin;
        if ("-".equals(packet)) {
            if (keys.readsStdin()) {
                throw CliException.usage("--stdin and PACKET '-' cannot both read standard input");
            }
            packet = readPacket(stdin);
            keyInput = new ByteArrayInputStream(new byte[0]);
        }
        SpaKeys k = keys.resolve(FwknopRc.empty(), null, keyInput);
        DecodeResult r = SpaDecoder.decode(packet, k);
        if (!r.isAccepted()) {
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rejected", r.rejection().name());
                m.put("detail", r.detail());
                out.println(JSON.writeValueAsString(m));
                out.flush();
            } else {
                spec.commandLine().getErr().println("postern: packet rejected: " + r.rejection() + ": " + r.detail());
            }
            return CliException.RUNTIME;
        }
        if (json) {
            out.println(JSON.writeValueAsString(fields(r)));
            out.flush();
        } else {
            FieldPrinter.print(out, r, null);
        }
        return 0;
    }

    /** The JSON object for an accepted packet, keys in a fixed order. */
    static Map<String, Object> fields(DecodeResult r) {
        SpaMessage m = r.message();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("random", m.randomValue());
        o.put("username", m.username());
        o.put("timestamp", m.timestamp());
        o.put("version", m.version());
        o.put("message_type", m.type().code());
        o.put("message", m.message());
        o.put("nat_access", m.natAccess());
        o.put("server_auth", m.serverAuth());
        o.put("client_timeout", m.clientTimeout());
        o.put("digest_type", r.digestType().configName());
        o.put("hmac_type", r.hmacType() == null ? null : r.hmacType().configName());
        o.put("encryption_mode", r.mode().configName());
        return o;
    }

    private static String readPacket(InputStream in) {
        try {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String first = text.split("\r?\n", 2)[0];
            if (first.isEmpty()) {
                throw CliException.usage("no packet on standard input");
            }
            return first;
        } catch (IOException e) {
            throw CliException.runtime("cannot read standard input: " + e.getMessage(), e);
        }
    }
}
