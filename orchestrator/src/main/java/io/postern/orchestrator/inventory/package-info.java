/**
 * The device inventory: an Ansible-shaped YAML file of groups ({@code hosts}, {@code children}, {@code vars})
 * loaded strictly by {@link io.postern.orchestrator.inventory.InventoryLoader} into an immutable
 * {@link io.postern.orchestrator.inventory.Inventory} of {@link io.postern.orchestrator.inventory.Device}s.
 * Variables are inherited {@code all} → group → child group → host (deeper groups override their parents, groups
 * at the same depth apply in name order, host variables win). Secrets never sit in the file: devices name them
 * with {@link io.postern.orchestrator.inventory.SecretRef}s ({@code *_env}, {@code *_file}) that are read only
 * when used. Every error is reported as {@code file:line: key: 'value' (expected: ...)}.
 */
package io.postern.orchestrator.inventory;
