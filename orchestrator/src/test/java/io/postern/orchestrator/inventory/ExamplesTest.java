package io.postern.orchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.postern.device.BuiltinDrivers;
import io.postern.device.template.Section;
import io.postern.device.template.TemplateRenderer;
import io.postern.spa.config.AccessConf;
import io.postern.spa.config.AccessConfReader;
import io.postern.spa.config.FwknopdConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped example inventory loads, and its access.conf's TARGETS all resolve. */
class ExamplesTest {

    @TempDir
    Path dir;

    static Stream<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.examples())) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .sorted().toList();
            assertThat(names).contains("lab.yaml", "edge-routers.yaml", "mixed.yaml");
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void loadsWithoutErrors(String name) throws Exception {
        Inventory inv = Fixtures.loader().read(Fixtures.examples().resolve(name));
        assertThat(inv.devices()).isNotEmpty();
        assertThat(inv.describe()).contains("device ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void loadsWithTheRealDriversAndTemplates(String name) throws Exception {
        Inventory inv = Fixtures.loader().read(Fixtures.examples().resolve(name));
        List<String> missing = new ArrayList<>();
        TemplateRenderer shipped = TemplateRenderer.classpathOnly();
        for (Device d : inv.devices()) {
            if (!BuiltinDrivers.knownNames().contains(d.driver())) {
                missing.add("driver " + d.driver());
            }
            if (!shipped.exists(d.template(), Section.OPEN) || !shipped.exists(d.template(), Section.CLOSE)) {
                missing.add("template " + d.template());
            }
        }
        assumeTrue(missing.isEmpty(), () -> "not shipped yet: " + missing.stream().distinct().toList());
        assertThat(InventoryLoader.defaults().read(Fixtures.examples().resolve(name)).devices())
                .hasSameSizeAs(inv.devices());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void itsAccessConfTargetsResolve(String name) throws Exception {
        Inventory inv = Fixtures.loader().read(Fixtures.examples().resolve(name));
        Path conf = Fixtures.examples().resolve(name.replace(".yaml", ".access.conf"));
        AccessConf ac = readWithRealKeys(conf);
        assertThat(ac.stanzas()).allSatisfy(s -> assertThat(s.targets()).isNotEmpty());
        assertThat(TargetsValidator.check(inv, ac.stanzas())).isEmpty();
        for (var s : ac.stanzas()) {
            assertThat(inv.resolveTargets(s.targets())).isNotEmpty();
        }
    }

    @Test
    void edgeRoutersHasFortyRoutersWithInheritedSettings() throws Exception {
        Inventory inv = Fixtures.loader().read(Fixtures.examples().resolve("edge-routers.yaml"));
        assertThat(inv.resolveTargets(List.of("edge-routers"))).hasSize(40);
        assertThat(inv.group("edge-routers").orElseThrow().rollout())
                .isEqualTo(new Rollout(Rollout.Mode.BEST_EFFORT, 10));
        Device w07 = inv.device("edge-w07").orElseThrow();
        assertThat(w07.port()).isEqualTo(2201);
        assertThat(w07.hostKey().kind()).isEqualTo(HostKeySpec.Kind.PINNED);
        assertThat(w07.vars()).containsEntry("interface", "TenGigabitEthernet0/1/0")
                .containsEntry("acl_name", "POSTERN-SPA");
        Device e05 = inv.device("edge-e05").orElseThrow();
        assertThat(e05.vars()).containsEntry("interface", "GigabitEthernet0/0")
                .containsEntry("acl_name", "POSTERN-SPA-EAST");
        assertThat(e05.hostKey().toString()).isEqualTo("known_hosts:/etc/postern/known_hosts");
        assertThat(e05.credentials().keyFile().reference()).isEqualTo("/etc/postern/keys/edge_ed25519");
        assertThat(e05.groups()).containsExactly("all", "edge-routers", "edge-east");
    }

    @Test
    void labWarnsAboutItsInsecureHostKey() throws Exception {
        Inventory inv = Fixtures.loader().read(Fixtures.examples().resolve("lab.yaml"));
        Device r = inv.device("lab-router").orElseThrow();
        assertThat(r.address()).isEqualTo("127.0.0.1");
        assertThat(r.port()).isEqualTo(2222);
        assertThat(inv.warnings()).anySatisfy(w -> assertThat(w.message())
                .contains("host_key insecure-accept-any", "lab-router"));
    }

    @Test
    void mixedHasOneDeviceOfEachDriver() throws Exception {
        Inventory inv = Fixtures.loader().read(Fixtures.examples().resolve("mixed.yaml"));
        assertThat(inv.devices()).extracting(Device::driver)
                .containsExactly("ssh-cli", "ssh-exec", "local-exec", "http");
        assertThat(inv.device("local-nft").orElseThrow().address()).isNull();
        assertThat(inv.rollout(List.of("cloud"))).isEqualTo(new Rollout(Rollout.Mode.ALL_OR_NOTHING, 2));
    }

    /** The examples hold __CHANGEME__ keys, which fwknopd and Postern refuse; a copy gets real ones. */
    private AccessConf readWithRealKeys(Path conf) throws Exception {
        String text = Files.readString(conf);
        assertThat(text).contains("__CHANGEME__");
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            if (line.contains("__CHANGEME__")) {
                byte[] key = new byte[32];
                key[0] = (byte) ++n;
                line = line.replace("__CHANGEME__", Base64.getEncoder().encodeToString(key));
            }
            out.append(line).append('\n');
        }
        Path copy = Files.writeString(dir.resolve(conf.getFileName()), out.toString());
        return new AccessConfReader(FwknopdConf.defaults(), ZoneId.of("UTC"), u -> true).read(copy);
    }
}
