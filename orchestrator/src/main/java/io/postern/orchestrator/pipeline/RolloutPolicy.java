package io.postern.orchestrator.pipeline;

/**
 * How the grants of one packet roll out over their targets.
 *
 * @param allOrNothing a failed open closes the ones that succeeded (else best effort: each target on its own)
 * @param concurrency  targets opened at once
 */
public record RolloutPolicy(boolean allOrNothing, int concurrency) {

    /** One target at a time, best effort: local grants. */
    public static final RolloutPolicy LOCAL = new RolloutPolicy(false, 1);

    public RolloutPolicy {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
    }
}
