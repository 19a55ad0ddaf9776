package io.postern.orchestrator.receive;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the native libpcap for pcap4j. pcap4j asks JNA for {@code pcap} (property
 * {@code org.pcap4j.core.pcapLibName}), i.e. {@code libpcap.so}, which only the -dev package installs; Debian's
 * runtime package has {@code libpcap.so.0.8}. Unless the property is already set, point it at the first versioned
 * library found in the usual directories. Must run before any pcap4j class is loaded.
 */
final class Libpcap {

    static final String PROPERTY = "org.pcap4j.core.pcapLibName";
    private static final Logger LOG = LoggerFactory.getLogger(Libpcap.class);
    private static final String[] DIRS = {"/usr/lib", "/lib", "/usr/lib64", "/lib64", "/usr/local/lib"};
    private static volatile Boolean available;

    private Libpcap() {
    }

    /** Sets the property if needed and loads libpcap once; returns a reason it is unusable, or null when usable. */
    static synchronized String problem() {
        if (available == null) {
            configure();
            try {
                String version = org.pcap4j.core.Pcaps.libVersion();
                LOG.debug("problem() libpcap={} name={}", version, System.getProperty(PROPERTY, "pcap"));
                available = true;
            } catch (LinkageError e) {
                LOG.debug("problem() load failed error={}", e.toString());
                available = false;
            }
        }
        return available ? null
                : "libpcap not found (install libpcap0.8, or set -D" + PROPERTY + "=/path/to/libpcap.so.N)";
    }

    static void configure() {
        if (System.getProperty(PROPERTY) != null || !System.getProperty("os.name", "").startsWith("Linux")) {
            return;
        }
        List<File> dirs = new ArrayList<>();
        for (String d : DIRS) {
            dirs.add(new File(d));
            File[] multiarch = new File(d).listFiles(f -> f.isDirectory() && f.getName().endsWith("-linux-gnu"));
            if (multiarch != null) {
                dirs.addAll(List.of(multiarch));
            }
        }
        for (File dir : dirs) {
            if (new File(dir, "libpcap.so").exists()) {
                return; // JNA finds the unversioned name itself
            }
        }
        for (File dir : dirs) {
            File[] versioned = dir.listFiles(f -> f.getName().startsWith("libpcap.so."));
            if (versioned != null && versioned.length > 0) {
                File pick = List.of(versioned).stream().min(Comparator.comparing(File::getName)).orElseThrow();
                System.setProperty(PROPERTY, pick.getAbsolutePath());
                LOG.debug("configure() {}={}", PROPERTY, pick.getAbsolutePath());
                return;
            }
        }
    }
}
