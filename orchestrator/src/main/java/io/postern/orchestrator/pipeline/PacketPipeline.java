package io.postern.orchestrator.pipeline;

import io.postern.orchestrator.event.LoggingEventListener;
import io.postern.orchestrator.event.PosternEventListener;
import io.postern.orchestrator.receive.PacketSink;
import io.postern.orchestrator.receive.ReceivedPacket;
import io.postern.spa.MessageType;
import io.postern.spa.Rejection;
import io.postern.spa.codec.DecodeResult;
import io.postern.spa.codec.SpaDecoder;
import io.postern.spa.codec.SpaPrecheck;
import io.postern.spa.policy.SourceMatcher;
import io.postern.spa.config.AccessStanza;
import io.postern.spa.policy.SpaValidator;
import io.postern.spa.policy.Verdict;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixed order of stages every received packet goes through: validate (prechecks, stanza match,
 * HMAC before decryption, digest, durable replay insert, age and policy), then plan the grants, then
 * open them through the ledger. Receivers hand packets over without waiting; a bounded pool of workers
 * does the work, and a packet that finds the queue full is dropped and counted, as a full socket buffer
 * would drop it.
 *
 * <p>The stanza list and the planner can be replaced at run time ({@link #replaceStanzas},
 * {@link #replaceConfiguration}, for a reload); a packet is always judged and planned against one
 * consistent pair.
 */
public final class PacketPipeline implements PacketSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PacketPipeline.class);

    private final SpaValidator validator;
    /** The stanzas in force and the planner that knows their targets, swapped together. */
    private record Config(List<AccessStanza> stanzas, GrantPlanner planner) {
    }

    private final AtomicReference<Config> config;
    private final GrantOpener opener;
    private final PosternEventListener events;
    private final boolean testMode;
    private final boolean useForwardedFor;
    private final Consumer<Verdict.Accepted> commandRunner;
    private final ThreadPoolExecutor workers;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong submitted = new AtomicLong();
    private final KnownReplays knownReplays = new KnownReplays(65_536);

    /**
     * @param commandRunner   runs an accepted command message (type 0); called on a worker thread
     * @param useForwardedFor ENABLE_X_FORWARDED_FOR: an HTTP request's X-Forwarded-For replaces the source
     *                        when the message asks for 0.0.0.0
     */
    public PacketPipeline(SpaValidator validator, List<AccessStanza> stanzas, GrantPlanner planner,
                          GrantOpener opener, PosternEventListener events, boolean testMode, boolean useForwardedFor,
                          Consumer<Verdict.Accepted> commandRunner, int threads, int queueSize) {
        this.validator = Objects.requireNonNull(validator);
        this.config = new AtomicReference<>(new Config(List.copyOf(stanzas), Objects.requireNonNull(planner)));
        this.opener = Objects.requireNonNull(opener);
        this.events = Objects.requireNonNull(events);
        this.testMode = testMode;
        this.useForwardedFor = useForwardedFor;
        this.commandRunner = Objects.requireNonNull(commandRunner);
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueSize), r -> {
                    Thread t = new Thread(r, "postern-pipeline");
                    t.setDaemon(true);
                    return t;
                }, (r, executor) -> dropped.incrementAndGet());
    }

    /** Swaps in a new stanza list (a reload); packets already being judged finish with the old one. */
    public void replaceStanzas(List<AccessStanza> next) {
        config.updateAndGet(c -> new Config(List.copyOf(next), c.planner()));
    }

    /**
     * Swaps in new stanzas together with the planner that resolves their TARGETS (a reload with an
     * inventory); packets already being judged finish with the old pair.
     */
    public void replaceConfiguration(List<AccessStanza> next, GrantPlanner nextPlanner) {
        config.set(new Config(List.copyOf(next), Objects.requireNonNull(nextPlanner)));
    }

    @Override
    public void accept(ReceivedPacket packet) {
        if (rejectedEarly(packet)) {
            return;
        }
        submitted.incrementAndGet();
        workers.execute(() -> handle(packet, true));
    }

    /**
     * On the receiver's thread, before the queue: what cannot authenticate is rejected (and reported) here,
     * so a flood of garbage or wrong-HMAC packets never fills the queue that real knocks wait in.
     */
    private boolean rejectedEarly(ReceivedPacket packet) {
        long started = System.nanoTime();
        Rejected early = prefilter(packet, config.get().stanzas());
        if (early == null && !knownReplays.isEmpty()
                && knownReplays.contains(SpaDecoder.replayDigest(packet.payload()))) {
            early = new Rejected(Rejection.REPLAY, LoggingEventListener.REPEATED_REPLAY);
        }
        if (early == null) {
            return false;
        }
        events.packetReceived(packet.source(), packet.length());
        events.packetValidated(packet.source(), System.nanoTime() - started);
        events.packetRejected(packet.source(), null, early.reason, early.detail);
        return true;
    }

    private record Rejected(Rejection reason, String detail) {
    }

    /**
     * The checks that need no decryption and no state: size, prefix and alphabet; some stanza's SOURCE;
     * some matching stanza whose HMAC verifies (or that has no HMAC to check). Anything that passes goes
     * through the full validator, which repeats these checks in fwknopd's order.
     */
    private static Rejected prefilter(ReceivedPacket packet, List<AccessStanza> stanzas) {
        DecodeResult pre = SpaPrecheck.check(packet.payload());
        if (pre != null) {
            return new Rejected(pre.rejection(), pre.detail());
        }
        boolean sourceMatched = false;
        for (AccessStanza s : stanzas) {
            if (!SourceMatcher.matches(s, packet.source().getAddress(), packet.destination().getAddress())) {
                continue;
            }
            sourceMatched = true;
            if (s.hmacKey() == null || s.gpg().enabled()) {
                return null; // nothing to check without decrypting: the full validator decides
            }
            if (SpaDecoder.mayAuthenticate(packet.payload(), s.spaKeys())) {
                return null;
            }
        }
        return sourceMatched ? new Rejected(Rejection.HMAC, "no matching stanza's HMAC verifies")
                : new Rejected(Rejection.NO_SOURCE_MATCH, "no access stanza for source "
                        + packet.source().getAddress().getHostAddress());
    }

    /**
     * A sink for capture files: instead of dropping when the queue is full, it waits for room, so every
     * packet of the file is judged (a file is not a live link; nothing is lost by waiting). With one worker
     * thread the reading thread judges each packet itself.
     */
    public PacketSink blockingSink() {
        if (workers.getCorePoolSize() == 1) {
            // one thread in all, as fwknopd: judge on the reading thread, no hand-over
            return packet -> {
                if (!rejectedEarly(packet)) {
                    submitted.incrementAndGet();
                    handle(packet);
                }
            };
        }
        return packet -> {
            if (rejectedEarly(packet)) {
                return;
            }
            submitted.incrementAndGet();
            while (true) {
                try {
                    if (workers.getQueue().offer(() -> handle(packet, true), 100, TimeUnit.MILLISECONDS)) {
                        // offer bypasses execute(): make sure a core thread exists to take it
                        workers.prestartAllCoreThreads();
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    dropped.incrementAndGet();
                    return;
                }
            }
        };
    }

    /** Packets dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Packets fully handled. */
    public long processed() {
        return processed.get();
    }

    /**
     * Judges and acts on one packet on the calling thread, its grants opened before it returns; returns the
     * verdict (for tests and one-thread capture replay).
     */
    public Verdict handle(ReceivedPacket packet) {
        return handle(packet, false);
    }

    /**
     * @param handOverOpens true on the worker threads: the grants open on the opener's own threads, so a slow
     *                      device or command does not hold up the packets queued behind this one
     */
    private Verdict handle(ReceivedPacket packet, boolean handOverOpens) {
        try {
            events.packetReceived(packet.source(), packet.length());
            Config current = config.get();
            long started = System.nanoTime();
            Verdict v = validator.validate(packet.payload(), packet.source().getAddress(),
                    packet.destination().getAddress(), current.stanzas());
            events.packetValidated(packet.source(), System.nanoTime() - started);
            if (v instanceof Verdict.Rejected r) {
                if (r.rejection() == Rejection.REPLAY) {
                    knownReplays.add(SpaDecoder.replayDigest(packet.payload()));
                }
                events.packetRejected(packet.source(), label(current.stanzas(), r.stanzaNumber()), r.rejection(), r.detail());
                return v;
            }
            Verdict.Accepted a = forwardedFor((Verdict.Accepted) v, packet);
            events.packetAccepted(packet.source(), label(current.stanzas(), a.stanzaNumber()), a.message().username(),
                    a.message().message());
            if (testMode) {
                LOG.info("[{}] (stanza #{}) --test mode: nothing opened", packet.source().getAddress().getHostAddress(),
                        a.stanzaNumber());
            } else if (a.message().type() == MessageType.COMMAND) {
                commandRunner.accept(a);
            } else {
                GrantPlan plan = current.planner().planAll(a, packet);
                if (handOverOpens) {
                    opener.submit(plan);
                } else {
                    opener.open(plan);
                }
            }
            return a;
        } catch (Exception | LinkageError e) {
            // One bad packet or one broken template must never stop the receiver.
            LOG.error("[{}] packet handling failed: {}", packet.source().getAddress().getHostAddress(), e.toString(), e);
            return null;
        } finally {
            processed.incrementAndGet();
        }
    }

    /** fwknopd's "stanza #N" plus the file:line the ledger and the grant lines use. */
    private static String label(List<AccessStanza> list, int stanzaNumber) {
        if (stanzaNumber < 1 || stanzaNumber > list.size()) {
            return null;
        }
        return "stanza #" + stanzaNumber + " " + GrantPlanner.stanzaLabel(list.get(stanzaNumber - 1));
    }

    private Verdict.Accepted forwardedFor(Verdict.Accepted a, ReceivedPacket packet) {
        if (!useForwardedFor || !a.request().allowIpIsWildcard() || packet.forwardedForAddress().isEmpty()) {
            return a;
        }
        InetAddress xff = packet.forwardedForAddress().get();
        return new Verdict.Accepted(a.stanzaNumber(), a.stanza(), a.message(), a.decoded(), a.request(), xff,
                a.timeoutSeconds());
    }

    /** Waits until every queued packet has been handled (pcap-file mode, tests). */
    public void drain() throws InterruptedException {
        while (processed.get() + dropped.get() < submitted.get()) {
            Thread.sleep(2);
        }
        opener.drain();
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
