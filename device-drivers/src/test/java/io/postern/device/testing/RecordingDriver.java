package io.postern.device.testing;

import io.postern.device.DeviceDriver;
import io.postern.device.GrantContext;
import io.postern.device.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A driver that runs nothing and records each open and close argv, for tests of callers. Thread-safe. */
public final class RecordingDriver implements DeviceDriver {

    private final String name;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    public RecordingDriver(String name) {
        this.name = name;
    }

    @Override
    public String deviceName() {
        return name;
    }

    @Override
    public List<StepResult> open(GrantContext grant) {
        return record("open", grant.open().argvs());
    }

    @Override
    public List<StepResult> close(GrantContext grant) {
        return record("close", grant.close().argvs());
    }

    /** Every call as {@code open <argv joined by spaces>}, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    private List<StepResult> record(String what, List<List<String>> argvs) {
        List<StepResult> results = new ArrayList<>();
        for (List<String> argv : argvs) {
            calls.add(what + " " + String.join(" ", argv));
            results.add(new StepResult(argv, 0, "", Duration.ZERO, true, false));
        }
        return results;
    }
}
