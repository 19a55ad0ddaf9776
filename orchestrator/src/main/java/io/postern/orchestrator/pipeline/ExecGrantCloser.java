package io.postern.orchestrator.pipeline;

import io.postern.device.DeviceDriver;
import io.postern.device.GrantContext;
import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.timer.GrantCloser;

/**
 * Closes local grants from what the ledger recorded: the argv steps of their {@link CloseSpec}, run by
 * the local-exec driver (no shell). A grant whose close runs nothing (CMD_CYCLE_CLOSE NONE) closes at once.
 */
public final class ExecGrantCloser implements GrantCloser {

    private final DeviceDriver local;

    public ExecGrantCloser(DeviceDriver local) {
        this.local = local;
    }

    @Override
    public void close(Grant grant) throws Exception {
        CloseSpec spec = CloseSpec.fromJson(grant.closeSpec());
        if (spec.runsNothing()) {
            return;
        }
        String prefix = "[" + grant.key().source() + "] (" + grant.key().stanza() + ") grant=" + grant.id();
        local.close(GrantContext.forClose(prefix, spec.toSequence()));
    }
}
