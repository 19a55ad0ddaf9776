package io.postern.it.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.postern.orchestrator.inventory.InventoryLoader;
import io.postern.spa.config.AccessConfReader;
import io.postern.spa.config.ConfigException;
import io.postern.spa.config.FwknopRcReader;
import io.postern.spa.config.FwknopdConf;
import io.postern.spa.config.FwknopdConfReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

/**
 * Coverage-guided fuzzing of the configuration readers: access.conf, fwknopd.conf, .fwknoprc and the YAML
 * inventory, each fed arbitrary bytes through a real file. Proves: the only exception any of them throws is
 * {@link ConfigException} (which includes {@code InventoryException}); no other exception, no hang. Seeds:
 * {@code ConfigFuzzITInputs/<method>/}. The files are written by the administrator, so this is robustness, not
 * a trust boundary: an {@code %include} of a path the fuzzer invents is simply read.
 */
class ConfigFuzzIT {

    static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("postern-config-fuzz");
            Files.writeString(DIR.resolve("secret.pw"), "fuzz-secret-password\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A configuration reader under test. */
    interface Reader {
        void read(Path file) throws ConfigException;
    }

    /**
     * Writes the input to the scratch file and runs the reader: {@link ConfigException} is the one allowed outcome
     * for bad input; any other exception escapes and is a finding.
     */
    static void run(byte[] data, String name, Reader reader) {
        Path f = DIR.resolve(name);
        try {
            Files.write(f, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            reader.read(f);
        } catch (ConfigException expected) {
            // the one allowed outcome for bad input
        }
    }

    /**
     * Found by {@link FuzzCampaignIT} in 10 s: {@code %include}, {@code %include_folder} and {@code %include_keys}
     * pass their value to {@code Path.of}, so a NUL byte (or any path the platform refuses) throws an unchecked
     * {@code InvalidPathException} out of {@code AccessConfReader.read} instead of a {@code ConfigException}.
     */
    @org.junit.jupiter.api.Test
    void nulInAnIncludePathIsAConfigError() throws Exception {
        for (String directive : java.util.List.of("%include", "%include_folder", "%include_keys")) {
            Path f = DIR.resolve("nul.conf");
            Files.writeString(f, "SOURCE ANY\nKEY_BASE64 c2VjcmV0LWtleS1mb3ItZnV6emluZy0xMjM0NTY3OA==\n" + directive
                    + " a\u0000b\n");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AccessConfReader(FwknopdConf.defaults(),
                    ZoneId.of("UTC"), u -> true).read(f)).as(directive).isInstanceOf(ConfigException.class);
        }
    }

    static void accessConf(byte[] data) {
        run(data, "access.conf", f -> new AccessConfReader(FwknopdConf.defaults(), ZoneId.of("UTC"), u -> true).read(f));
    }

    static void fwknopdConf(byte[] data) {
        run(data, "fwknopd.conf", FwknopdConfReader::read);
    }

    static void fwknopRc(FuzzedDataProvider in) {
        String stanza = in.consumeString(16);
        byte[] data = in.consumeRemainingAsBytes();
        run(data, "fwknoprc", f -> FwknopRcReader.read(f, stanza.isEmpty() ? "default" : stanza));
    }

    static void inventory(byte[] data) {
        run(data, "inventory.yaml", InventoryLoader::load);
    }

    @FuzzTest(maxDuration = "10m")
    void accessConfFuzz(byte[] data) {
        accessConf(data);
    }

    @FuzzTest(maxDuration = "10m")
    void fwknopdConfFuzz(byte[] data) {
        fwknopdConf(data);
    }

    @FuzzTest(maxDuration = "10m")
    void fwknopRcFuzz(FuzzedDataProvider in) {
        fwknopRc(in);
    }

    @FuzzTest(maxDuration = "10m")
    void inventoryFuzz(byte[] data) {
        inventory(data);
    }

    /** Standalone entry points: {@code --target_class=io.postern.it.fuzz.ConfigFuzzIT$AccessConf} and so on. */
    public static final class AccessConf {
        public static void fuzzerTestOneInput(byte[] data) {
            accessConf(data);
        }
    }

    public static final class FwknopdConfTarget {
        public static void fuzzerTestOneInput(byte[] data) {
            fwknopdConf(data);
        }
    }

    public static final class FwknopRc {
        public static void fuzzerTestOneInput(FuzzedDataProvider in) {
            fwknopRc(in);
        }
    }

    public static final class Inventory {
        public static void fuzzerTestOneInput(byte[] data) {
            inventory(data);
        }
    }
}
