/**
 * The assembled gateway: configuration loaded, state opened, grants recovered, receivers feeding the
 * pipeline. {@code postern serve} and {@code postern demo} both run it.
 */
package io.postern.orchestrator.serve;
