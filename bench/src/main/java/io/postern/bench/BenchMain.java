package io.postern.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Entry point of postern-bench.jar: the harness's Java side (bench/run calls it) and JMH. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: postern-bench.jar (run|gen-pcap|jmh) ...");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            case "gen-pcap" -> {
                // gen-pcap KIND COUNT OUT KEYSFILE
                Path keysFile = Path.of(rest[3]);
                BenchKeys keys;
                if (Files.exists(keysFile)) {
                    keys = BenchKeys.load(keysFile);
                } else {
                    keys = BenchKeys.generate();
                    keys.save(keysFile);
                }
                PcapFile.write(Path.of(rest[2]), new Packets(keys).make(Packets.Kind.valueOf(rest[0]),
                        Integer.parseInt(rest[1]), 0));
            }
            case "run" -> Harness.main(rest);
            default -> {
                System.err.println("unknown subcommand " + args[0]);
                System.exit(2);
            }
        }
    }
}
