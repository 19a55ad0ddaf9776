package io.postern.device;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step semantics shared by drivers that run one command or request per step (local exec, ssh exec,
 * http): an open stops at the first failed step and, if earlier steps changed the device or the failed one
 * may have ({@link #mayHaveApplied}: sent, but no answer), runs the grant's close to undo them; if that undo
 * fails as well, the exception says the device {@linkplain DeviceException#mayHaveChanged may have changed}; a close attempts every step and fails if any did; a provision stops at the first
 * failure. Subclasses supply {@link #run}, which reports a step and never throws for a failing command, and
 * may run close steps differently ({@link #runClose}, e.g. with retries).
 */
public abstract class StepSequenceDriver implements DeviceDriver {

    private static final Logger LOG = LoggerFactory.getLogger(StepSequenceDriver.class);

    /** Runs one step of {@code seq} (for masking) and reports it; never throws for a failing command. */
    protected abstract StepResult run(String logPrefix, Step step, CommandSequence seq);

    /** Runs one close step; by default as {@link #run}. */
    protected StepResult runClose(String logPrefix, Step step, CommandSequence seq) {
        return run(logPrefix, step, seq);
    }

    /** What a step is called in messages ({@code step}, {@code request}). */
    protected String stepNoun() {
        return "step";
    }

    /** How a failed step is described in a {@link DeviceException}. */
    protected String describe(StepResult failed) {
        return DeviceException.describe(failed);
    }

    @Override
    public List<StepResult> open(GrantContext grant) throws DeviceException {
        List<StepResult> results = new ArrayList<>();
        CommandSequence seq = grant.open();
        for (Step step : seq.steps()) {
            StepResult r = run(grant.logPrefix(), step, seq);
            results.add(r);
            if (!r.succeeded()) {
                DeviceException failed = new DeviceException(deviceName(), "open " + stepNoun() + " " + results.size()
                        + "/" + seq.steps().size() + " failed: " + describe(r), results);
                if ((results.size() > 1 || mayHaveApplied(r)) && !undo(grant)) {
                    throw failed.mayHaveChangedTheDevice();
                }
                throw failed;
            }
        }
        return results;
    }

    /**
     * Whether a failed step may still have changed the device: its command went out but the answer was lost
     * (a time-out by default). Such an open is undone like one that failed half-way.
     */
    protected boolean mayHaveApplied(StepResult failed) {
        return failed.timedOut();
    }

    /** Runs the grant's close to undo a failed open; false if that failed too (the device may keep the entry). */
    private boolean undo(GrantContext grant) {
        LOG.warn("{} device={} open failed after a {} that may have been applied, running the close {}s to undo it",
                grant.logPrefix(), deviceName(), stepNoun(), stepNoun());
        try {
            close(grant);
            return true;
        } catch (DeviceException e) {
            LOG.error("{} device={} undo of a failed open failed, the device may keep a partial entry: {}",
                    grant.logPrefix(), deviceName(), e.getMessage());
            return false;
        }
    }

    @Override
    public List<StepResult> close(GrantContext grant) throws DeviceException {
        List<StepResult> results = new ArrayList<>();
        StepResult firstFailure = null;
        for (Step step : grant.close().steps()) {
            StepResult r = runClose(grant.logPrefix(), step, grant.close());
            results.add(r);
            if (!r.succeeded() && firstFailure == null) {
                firstFailure = r;
            }
        }
        if (firstFailure != null) {
            throw new DeviceException(deviceName(), "close " + stepNoun() + " " + (results.indexOf(firstFailure) + 1)
                    + "/" + results.size() + " failed: " + describe(firstFailure), results);
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
                throw new DeviceException(deviceName(), "provision " + stepNoun() + " " + results.size() + "/"
                        + steps.steps().size() + " failed: " + describe(r), results);
            }
        }
        return results;
    }
}
