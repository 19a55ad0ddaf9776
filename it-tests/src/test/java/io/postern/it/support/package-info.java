/**
 * Harness for the integration tests: finding external tools (skip on a laptop, fail in CI), running
 * processes with a timeout and killing them by PID, throwaway network namespaces in 198.18.0.0/15,
 * classic pcap files, and the real {@code fwknop} client and {@code fwknopd} server driven without
 * ever touching the host's firewall.
 */
package io.postern.it.support;
