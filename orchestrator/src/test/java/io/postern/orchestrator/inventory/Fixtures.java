package io.postern.orchestrator.inventory;

import io.postern.device.template.Section;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** Test fixtures: the files under {@code src/test/resources/inventory/} and a loader with fixed catalogs. */
final class Fixtures {

    /** Drivers and template families that issue 4 ships; the fixtures and examples use them. */
    static final DriverCatalog DRIVERS = DriverCatalog.of("ssh-cli", "ssh-exec", "local-exec", "http");
    static final Set<String> FAMILIES =
            Set.of("cisco-ios", "cisco-asa", "ipset", "nftables", "iptables", "firewalld", "http-aws-sg", "http-generic");
    static final TemplateCatalog TEMPLATES = new TemplateCatalog() {
        @Override
        public boolean exists(String family, Section section) {
            return FAMILIES.contains(family) || family.equals("open-only") && section == Section.OPEN;
        }

        @Override
        public String where() {
            return "the test catalog";
        }
    };

    private Fixtures() {
    }

    static Path fixture(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/inventory/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no fixture " + name, e);
        }
    }

    static InventoryLoader loader(Map<String, String> env) {
        return InventoryLoader.defaults().withDrivers(DRIVERS).withTemplates(TEMPLATES).withEnv(env::get);
    }

    static InventoryLoader loader() {
        return loader(Map.of());
    }

    /** The shipped examples, read from the inventory module's sources. */
    static Path examples() {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return base.resolve("../inventory/src/main/resources/examples").normalize();
    }
}
