/**
 * What {@code postern check} and {@code postern provision} do besides parsing options: load access.conf,
 * fwknopd.conf and the inventory together and collect every error ({@link io.postern.orchestrator.check.ConfigCheck}),
 * flag weak setups, render every template with sample values, print the effective configuration with every secret
 * as {@code <masked>}, log in to devices ({@link io.postern.orchestrator.check.Probe}), and push each device's base
 * policy in parallel ({@link io.postern.orchestrator.check.ProvisionRunner}).
 */
package io.postern.orchestrator.check;
