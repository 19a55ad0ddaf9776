package io.postern.orchestrator.pipeline;

import java.util.List;

/**
 * The grants one accepted packet asks for and how they roll out.
 *
 * @param grants one per target and proto/port
 * @param policy rollout mode and concurrency
 */
public record GrantPlan(List<PlannedGrant> grants, RolloutPolicy policy) {

    public GrantPlan {
        grants = List.copyOf(grants);
    }
}
