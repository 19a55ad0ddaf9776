package io.postern.orchestrator.pipeline;

import io.postern.device.DeviceDriver;
import io.postern.device.GrantContext;
import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.ledger.SqliteStateStore;
import io.postern.orchestrator.timer.GrantCloser;
import java.util.function.Function;

/**
 * Closes a grant from what the ledger recorded: the steps of its {@link CloseSpec}, run by the local-exec
 * driver or by the driver of the inventory device it names. A close that runs nothing (CMD_CYCLE_CLOSE NONE)
 * succeeds at once; a device entry still held by another open grant is left in place (the last holder's
 * close removes it).
 */
public final class TargetGrantCloser implements GrantCloser {

    private final DeviceDriver local;
    private final Function<String, DeviceDriver> devices;
    private final SqliteStateStore ledger;

    /**
     * @param devices the driver of an inventory device by name, or null when the inventory has no such device
     * @param ledger  for the shared-entry check; null when only local grants exist
     */
    public TargetGrantCloser(DeviceDriver local, Function<String, DeviceDriver> devices, SqliteStateStore ledger) {
        this.local = local;
        this.devices = devices;
        this.ledger = ledger;
    }

    /** A closer for local grants only. */
    public static TargetGrantCloser localOnly(DeviceDriver local) {
        return new TargetGrantCloser(local, name -> null, null);
    }

    @Override
    public void close(Grant grant) throws Exception {
        CloseSpec spec = CloseSpec.fromJson(grant.closeSpec());
        if (spec.runsNothing()) {
            return;
        }
        DeviceDriver driver = local;
        if (spec.device() != null) {
            if (ledger != null && ledger.openGrantShares(grant.key(), grant.id())) {
                return;
            }
            driver = devices.apply(spec.device());
            if (driver == null) {
                throw new IllegalStateException("device " + spec.device() + " is not in the inventory any more; "
                        + "restore it so the close can run");
            }
        }
        String prefix = "[" + grant.key().source() + "] (" + grant.key().stanza() + ") grant=" + grant.id();
        driver.close(GrantContext.forClose(prefix, spec.toSequence()));
    }
}
