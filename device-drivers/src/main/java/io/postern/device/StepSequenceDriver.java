package io.postern.device;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step semantics shared by drivers that run one argv per step (local exec, ssh exec): an open stops at
 * the first failed step and, if earlier steps changed the device, runs the grant's close to undo them; a
 * close attempts every step and fails if any did; a provision stops at the first failure. Subclasses
 * supply {@link #run}, which reports a step and never throws for a failing command.
 */
public abstract class StepSequenceDriver implements DeviceDriver {

    private static final Logger LOG = LoggerFactory.getLogger(StepSequenceDriver.class);

    /** Runs one step of {@code seq} (for masking) and reports it; never throws for a failing command. */
    protected abstract StepResult run(String logPrefix, Step step, CommandSequence seq);

    @Override
    public List<StepResult> open(GrantContext grant) throws DeviceException {
        List<StepResult> results = new ArrayList<>();
        CommandSequence seq = grant.open();
        for (Step step : seq.steps()) {
            StepResult r = run(grant.logPrefix(), step, seq);
            results.add(r);
            if (!r.succeeded()) {
                if (results.size() > 1) {
                    undo(grant);
                }
                throw new DeviceException(deviceName(), "open step " + results.size() + "/" + seq.steps().size()
                        + " failed: " + DeviceException.describe(r), results);
            }
        }
        return results;
    }

    private void undo(GrantContext grant) {
        LOG.warn("{} device={} open failed half-way, running the close steps to undo it", grant.logPrefix(),
                deviceName());
        try {
            close(grant);
        } catch (DeviceException e) {
            LOG.error("{} device={} undo of a failed open failed, the device may keep a partial entry: {}",
                    grant.logPrefix(), deviceName(), e.getMessage());
        }
    }

    @Override
    public List<StepResult> close(GrantContext grant) throws DeviceException {
        List<StepResult> results = new ArrayList<>();
        StepResult firstFailure = null;
        for (Step step : grant.close().steps()) {
            StepResult r = run(grant.logPrefix(), step, grant.close());
            results.add(r);
            if (!r.succeeded() && firstFailure == null) {
                firstFailure = r;
            }
        }
        if (firstFailure != null) {
            throw new DeviceException(deviceName(), "close step " + (results.indexOf(firstFailure) + 1) + "/"
                    + results.size() + " failed: " + DeviceException.describe(firstFailure), results);
        }
        return results;
    }

    @Override
    public List<StepResult> provision(String logPrefix, CommandSequence steps) throws DeviceException {
        List<StepResult> results = new ArrayList<>();
        for (Step step : steps.steps()) {
            StepResult r = run(logPrefix, step, steps);
            results.add(r);
            if (!r.succeeded()) {
                throw new DeviceException(deviceName(), "provision step " + results.size() + "/"
                        + steps.steps().size() + " failed: " + DeviceException.describe(r), results);
            }
        }
        return results;
    }
}
