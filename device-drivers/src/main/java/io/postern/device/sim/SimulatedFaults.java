package io.postern.device.sim;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault hooks of a simulated device, for tests and demos of failure handling. All settings are live (the next
 * command sees them), thread-safe, and cleared by {@link #reset()}. Command counts start when the fault is set:
 * {@code hangAfter(2)} answers the next two commands, then swallows every later one without answering.
 */
public final class SimulatedFaults {

    /** What the shell does with one received command. */
    enum Verdict { ANSWER, HANG, DROP }

    private static final int OFF = Integer.MAX_VALUE;

    private volatile boolean refuseLogin;
    private volatile boolean failConfigCommands;
    private volatile Duration answerDelay = Duration.ZERO;
    private volatile String promptOverride;
    private final AtomicInteger answersBeforeHang = new AtomicInteger(OFF);
    private final AtomicInteger answersBeforeDrop = new AtomicInteger(OFF);

    /** Every login is refused, whatever the credentials. */
    public SimulatedFaults refuseLogin(boolean on) {
        this.refuseLogin = on;
        return this;
    }

    /** Every command in a configuration mode (except {@code exit} and {@code end}) answers {@code % Invalid input}. */
    public SimulatedFaults failConfigCommands(boolean on) {
        this.failConfigCommands = on;
        return this;
    }

    /** Answers the next {@code n} commands, then reads but never answers again (the session stays open). */
    public SimulatedFaults hangAfter(int n) {
        answersBeforeHang.set(n);
        return this;
    }

    /** Answers the next {@code n} commands, then closes the SSH connection when the one after arrives. */
    public SimulatedFaults dropAfter(int n) {
        answersBeforeDrop.set(n);
        return this;
    }

    /** Waits this long before each answer. */
    public SimulatedFaults delayAnswers(Duration delay) {
        this.answerDelay = delay == null ? Duration.ZERO : delay;
        return this;
    }

    /** Shows this fixed prompt instead of the mode prompt ({@code null} restores the normal prompts). */
    public SimulatedFaults overridePrompt(String prompt) {
        this.promptOverride = prompt;
        return this;
    }

    /** Clears every fault. */
    public SimulatedFaults reset() {
        refuseLogin = false;
        failConfigCommands = false;
        answerDelay = Duration.ZERO;
        promptOverride = null;
        answersBeforeHang.set(OFF);
        answersBeforeDrop.set(OFF);
        return this;
    }

    boolean refusesLogin() {
        return refuseLogin;
    }

    boolean failsConfigCommands() {
        return failConfigCommands;
    }

    Duration answerDelay() {
        return answerDelay;
    }

    String promptOverride() {
        return promptOverride;
    }

    /** Counts one received command against the hang and drop budgets. */
    Verdict onCommand() {
        if (answersBeforeDrop.get() != OFF && answersBeforeDrop.getAndDecrement() <= 0) {
            answersBeforeDrop.set(OFF);
            return Verdict.DROP;
        }
        if (answersBeforeHang.get() != OFF && answersBeforeHang.getAndUpdate(v -> v <= 0 ? 0 : v - 1) <= 0) {
            return Verdict.HANG;
        }
        return Verdict.ANSWER;
    }
}
