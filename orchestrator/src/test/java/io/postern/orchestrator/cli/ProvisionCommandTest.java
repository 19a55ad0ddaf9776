package io.postern.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postern.device.sim.SimulatedCiscoIos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code postern provision}: --dry-run, a real push to simulated IOS routers, idempotence, a failing router. */
class ProvisionCommandTest {

    static final List<String> BASE_POLICY = List.of("2000000000 deny tcp any any eq 22", "2000000010 permit ip any any");

    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner();

    @Test
    void dryRunPrintsTheCiscoIosProvisionCommandsOfEachDeviceWithoutConnecting() throws Exception {
        try (SimulatedRouters sims = new SimulatedRouters().start(2)) {
            Path inv = sims.writeInventory(dir, 2);
            CliRunner.Result r = cli.run("provision", "--inventory", inv.toString(), "--dry-run");
            assertThat(r.exit()).as(r.all()).isEqualTo(0);
            for (int i = 0; i < 2; i++) {
                assertThat(r.out()).contains("# r" + i + " (ssh-cli 127.0.0.1:" + sims.get(i).port()
                        + ", template cisco-ios)\nconfigure terminal\nip access-list extended POSTERN-SPA\n"
                        + "2000000000 deny tcp any any eq 22\n2000000010 permit ip any any\nexit\nend\n");
                assertThat(sims.get(i).sessionsOpened()).isZero();
            }
            assertThat(r.out()).contains("dry run: 2 devices would be provisioned, 0 skipped; nothing was sent");
        }
    }

    @Test
    void dryRunOfTheEdgeExampleSelectsByGroupAndHost() throws Exception {
        Path inv = CheckCommandTest.examples().resolve("edge-routers.yaml");
        CliRunner.Result r = cli.run("provision", "--inventory", inv.toString(), "--dry-run", "--group", "edge-east",
                "--host", "edge-w07");
        assertThat(r.exit()).as(r.all()).isEqualTo(0);
        assertThat(r.out()).contains("# edge-e01 (ssh-cli 10.20.1.1:22, template cisco-ios)\nconfigure terminal\n"
                        + "ip access-list extended POSTERN-SPA-EAST\n",
                "# edge-w07 (ssh-cli 10.10.1.7:2201, template cisco-ios)",
                "interface TenGigabitEthernet0/1/0\nip access-group POSTERN-SPA in\n",
                "dry run: 21 devices would be provisioned, 0 skipped");
        assertThat(r.out()).doesNotContain("# edge-w01 ");
    }

    @Test
    void unknownGroupIsAUsageErrorWithCloseMatches() throws Exception {
        Path inv = CheckCommandTest.examples().resolve("edge-routers.yaml");
        CliRunner.Result r = cli.run("provision", "--inventory", inv.toString(), "--dry-run", "--group", "edge-est");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'edge-est'", "close matches: edge-east");
    }

    @Test
    void devicesWithoutAProvisionSectionAreListedAsSkipped() throws Exception {
        Path inv = Files.writeString(dir.resolve("inventory.yaml"), "all:\n  hosts:\n    asa1:\n      driver: local-exec\n"
                + "      template: cisco-asa\n");
        CliRunner.Result r = cli.run("provision", "--inventory", inv.toString());
        assertThat(r.exit()).as(r.all()).isEqualTo(0);
        assertThat(r.out()).contains("asa1", "skipped", "template cisco-asa has no provision section",
                "provisioned 0, failed 0, skipped 1");
    }

    @Test
    void provisionPushesTheBasePolicyToEveryRouterAndIsIdempotent() throws Exception {
        try (SimulatedRouters sims = new SimulatedRouters().start(3)) {
            Path inv = sims.writeInventory(dir, 2);
            CliRunner.Result r = cli.run("provision", "--inventory", inv.toString(), "--group", "edge");
            assertThat(r.exit()).as(r.all()).isEqualTo(0);
            assertThat(r.out()).contains("provisioning 3 devices, 2 at once")
                    .containsPattern("\\[1/3\\] r\\d ok \\(\\d+ ms\\)").containsPattern("\\[3/3\\] r\\d ok")
                    .contains("provisioned 3, failed 0, skipped 0");
            for (SimulatedCiscoIos s : sims.routers) {
                assertThat(s.accessList(SimulatedRouters.ACL)).containsExactlyElementsOf(BASE_POLICY);
            }
            CliRunner.Result again = cli.run("provision", "--inventory", inv.toString(), "--concurrency", "3");
            assertThat(again.exit()).as(again.all()).isEqualTo(0);
            assertThat(again.out()).contains("3 at once", "provisioned 3, failed 0");
            for (SimulatedCiscoIos s : sims.routers) {
                assertThat(s.accessList(SimulatedRouters.ACL)).containsExactlyElementsOf(BASE_POLICY);
            }
            assertThat(r.all() + again.all()).doesNotContain(SimulatedRouters.PASSWORD)
                    .doesNotContain(SimulatedRouters.ENABLE);
        }
    }

    @Test
    void aFailingRouterExitsOneWithItsOwnWordsAndTheOthersStillSucceed() throws Exception {
        try (SimulatedRouters sims = new SimulatedRouters().start(3)) {
            sims.get(1).faults().failConfigCommands(true);
            Path inv = sims.writeInventory(dir, 3);
            CliRunner.Result r = cli.run("provision", "--inventory", inv.toString());
            assertThat(r.exit()).as(r.all()).isEqualTo(1);
            assertThat(r.out()).containsPattern("\\[\\d/3\\] r1 FAILED: .*Invalid input")
                    .containsPattern("(?m)^r1 +ssh-cli +failed +\\d+ ms  .*% Invalid input detected")
                    .containsPattern("(?m)^r0 +ssh-cli +ok +\\d+ ms  6 commands$")
                    .contains("provisioned 2, failed 1, skipped 0");
            assertThat(sims.get(0).accessList(SimulatedRouters.ACL)).containsExactlyElementsOf(BASE_POLICY);
            assertThat(sims.get(2).accessList(SimulatedRouters.ACL)).containsExactlyElementsOf(BASE_POLICY);
        }
    }
}
