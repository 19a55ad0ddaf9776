package io.postern.orchestrator.cli;

import io.postern.device.sim.SimulatedCiscoIos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulated Cisco IOS routers on loopback and an inventory for them (group {@code edge}, cisco-ios template,
 * password and enable secret from 0600 files, pinned host keys). Close it after each test.
 */
final class SimulatedRouters implements AutoCloseable {

    static final String ACL = "POSTERN-SPA";
    static final String PASSWORD = "lab-pass-7f3a";
    static final String ENABLE = "lab-enable-91c2";

    final List<SimulatedCiscoIos> routers = new ArrayList<>();

    SimulatedRouters start(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            routers.add(SimulatedCiscoIos.builder().hostname("R" + i).username("postern")
                    .password(PASSWORD.toCharArray()).enableSecret(ENABLE.toCharArray()).build().start());
        }
        return this;
    }

    SimulatedCiscoIos get(int i) {
        return routers.get(i);
    }

    /** Writes {@code inventory.yaml} (hosts r0, r1, ... in group edge) and its secret files into {@code dir}. */
    Path writeInventory(Path dir, int concurrency) throws IOException {
        secret(dir.resolve("pw"), PASSWORD);
        secret(dir.resolve("enable"), ENABLE);
        StringBuilder inv = new StringBuilder("all:\n  vars:\n    driver: ssh-cli\n    template: cisco-ios\n"
                + "    user: postern\n    password_file: pw\n    enable_secret_file: enable\n"
                + "    acl_name: " + ACL + "\n    connect_timeout: 3s\n    command_timeout: 3s\n"
                + "    device_timeout: 20s\n  children:\n    edge:\n      concurrency: " + concurrency
                + "\n      hosts:\n");
        for (int i = 0; i < routers.size(); i++) {
            SimulatedCiscoIos r = routers.get(i);
            inv.append("        r").append(i).append(":\n          address: 127.0.0.1\n          port: ")
                    .append(r.port()).append("\n          host_key: \"").append(r.hostKeyFingerprint()).append("\"\n");
        }
        return Files.writeString(dir.resolve("inventory.yaml"), inv);
    }

    private static void secret(Path file, String value) throws IOException {
        Files.writeString(file, value + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    @Override
    public void close() {
        routers.forEach(SimulatedCiscoIos::close);
    }
}
