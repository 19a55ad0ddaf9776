package io.postern.orchestrator.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs {@code postern} in-process as picocli's testing guide suggests: output captured through
 * setOut/setErr, with a fixed environment (no $HOME, so no ~/.fwknoprc), a fixed clock and a given
 * standard input.
 */
final class CliRunner {

    /** Test keys from the shared fwknop 2.6.10 vectors; never used for anything else. */
    static final String KEY_B64 = "l4+CkJAQrnfpQ9IqtwIpmmJeNdnnqy+sQgOdhuj68eA=";
    static final String HMAC_B64 = "ssHH57et35IjvOMcouvFRPENGfD7E+6FGP9GumaIu1CIOz8ZOTglX3QE1Iz8LsuQCYbdHUYYRkHluyEDzMQMVw==";
    static final long NOW = 1_795_326_722L;

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    final Map<String, String> env = new HashMap<>(Map.of("LOGNAME", "tester"));
    String stdin = "";

    Result run(String... args) {
        CommandLine cl = PosternCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        KnockCommand knock = cl.getSubcommands().get("knock").getCommand();
        knock.env = env::get;
        knock.clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        knock.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.ISO_8859_1));
        DecodeCommand decode = cl.getSubcommands().get("decode").getCommand();
        decode.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.ISO_8859_1));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** The value of a {@code -T} field line such as {@code " Final SPA Data: ..."}. */
    static String field(String output, String name) {
        for (String line : output.split("\n")) {
            String t = line.strip();
            if (t.startsWith(name + ": ")) {
                return t.substring(name.length() + 2);
            }
        }
        throw new AssertionError("no field " + name + " in:\n" + output);
    }
}
