package io.postern.orchestrator.pipeline;

/**
 * Opens one grant on its target (runs CMD_CYCLE_OPEN, adds the firewall entry, configures the device).
 * An implementation with several steps undoes the steps it completed before it throws, so a failed open
 * leaves nothing behind.
 */
@FunctionalInterface
public interface OpenAction {

    /**
     * @throws Exception carrying the target's own words when the open did not happen
     */
    void open() throws Exception;
}
