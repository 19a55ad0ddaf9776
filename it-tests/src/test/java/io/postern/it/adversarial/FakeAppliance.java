package io.postern.it.adversarial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful REST firewall on 127.0.0.1 that speaks the API of the shipped {@code http-generic} templates
 * ({@code POST /api/v1/rules} with {@code {"id":..,"source":..}}, {@code DELETE /api/v1/rules/<id>}, 404 when the
 * rule is absent) and holds its rules in memory: the truth a ledger is checked against. Written on a plain socket
 * so that each fault is exact: an error status, a TCP reset (SO_LINGER 0) before or after the rule is stored, no
 * answer at all (before or after storing), a slow answer. Every answer closes its connection. Requests without
 * the bearer token get 401; the token is never printed.
 */
final class FakeAppliance implements AutoCloseable {

    /** What the appliance does with a request. */
    enum Act {
        /** Stores or deletes, then answers (after {@link Fault#delay()}). */
        ANSWER,
        /** Answers {@link Fault#status()} and changes nothing. */
        STATUS,
        /** Resets the connection after the request headers, before the body is read: nothing changes. */
        RESET_BEFORE,
        /** Stores or deletes, then resets the connection instead of answering. */
        RESET_AFTER,
        /** Never answers and changes nothing (the connection stays open until the fault is cleared). */
        HANG_BEFORE,
        /** Stores or deletes, then never answers. */
        HANG_AFTER
    }

    /** One fault setting for a kind of request. */
    record Fault(Act act, int status, Duration delay) {
        static final Fault NONE = new Fault(Act.ANSWER, 0, Duration.ZERO);

        static Fault status(int code) {
            return new Fault(Act.STATUS, code, Duration.ZERO);
        }

        static Fault slow(Duration delay) {
            return new Fault(Act.ANSWER, 0, delay);
        }

        static Fault of(Act act) {
            return new Fault(act, 0, Duration.ZERO);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = "/api/v1/rules";

    private final String token;
    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-appliance");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, String> rules = new ConcurrentHashMap<>();
    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger deletes = new AtomicInteger();
    private final Faults onCreate = new Faults();
    private final Faults onDelete = new Faults();
    private volatile CountDownLatch release = new CountDownLatch(1);

    private FakeAppliance(String token) throws IOException {
        this.token = token;
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::accept);
    }

    /** Starts listening on a free loopback port; requests must carry {@code Authorization: Bearer <token>}. */
    static FakeAppliance start(String token) throws IOException {
        return new FakeAppliance(token);
    }

    /** {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Sets what every rule creation meets from now on; clearing a hang releases the connections it holds. */
    void onCreate(Fault f) {
        onCreate.set(f, Integer.MAX_VALUE);
        releaseHangs();
    }

    /** Sets what every rule deletion meets from now on; clearing a hang releases the connections it holds. */
    void onDelete(Fault f) {
        onDelete(f, Integer.MAX_VALUE);
    }

    /** Sets what the next {@code times} rule deletions meet; later ones are answered normally. */
    void onDelete(Fault f, int times) {
        onDelete.set(f, times);
        releaseHangs();
    }

    /** The source address of every rule held now. */
    List<String> sources() {
        return List.copyOf(rules.values());
    }

    /** Rule creation requests received (including faulted ones). */
    int creates() {
        return creates.get();
    }

    /** Rule deletion requests received (including faulted ones). */
    int deletes() {
        return deletes.get();
    }

    @Override
    public void close() throws IOException {
        releaseHangs();
        socket.close();
        threads.shutdownNow();
    }

    private void releaseHangs() {
        CountDownLatch old = release;
        release = new CountDownLatch(1);
        old.countDown();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(30_000);
            InputStream in = new BufferedInputStream(s.getInputStream());
            String[] request = line(in).split(" ");
            Map<String, String> headers = new HashMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
            }
            String method = request[0];
            String path = request.length > 1 ? request[1] : "";
            boolean create = method.equals("POST") && path.equals(RULES);
            boolean delete = method.equals("DELETE") && path.startsWith(RULES + "/");
            if (create) {
                creates.incrementAndGet();
            } else if (delete) {
                deletes.incrementAndGet();
            }
            Fault f = create ? onCreate.take() : delete ? onDelete.take() : Fault.NONE;
            CountDownLatch hang = release;
            if (f.act() == Act.RESET_BEFORE) {
                reset(s);
                return;
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            if (!("Bearer " + token).equals(headers.get("authorization"))) {
                respond(s, 401, "{\"error\":\"unauthorized\"}");
                return;
            }
            if (f.act() == Act.STATUS) {
                respond(s, f.status(), "{\"error\":\"fault injected: " + f.status() + "\"}");
                return;
            }
            if (f.act() == Act.HANG_BEFORE) {
                hang.await(30, TimeUnit.SECONDS);
                return;
            }
            int status;
            String answer = "";
            if (create) {
                JsonNode rule = JSON.readTree(body);
                rules.put(rule.get("id").asText(), rule.get("source").asText());
                status = 201;
                answer = new String(body, StandardCharsets.UTF_8);
            } else if (delete) {
                status = rules.remove(path.substring(RULES.length() + 1)) != null ? 204 : 404;
            } else {
                status = 404;
            }
            if (f.act() == Act.RESET_AFTER) {
                reset(s);
                return;
            }
            if (f.act() == Act.HANG_AFTER) {
                hang.await(30, TimeUnit.SECONDS);
                return;
            }
            Thread.sleep(f.delay().toMillis());
            respond(s, status, answer);
        } catch (IOException | RuntimeException e) {
            // the client went away, or a request this fake does not parse: drop the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A fault and how many more requests it applies to. */
    private static final class Faults {
        private Fault fault = Fault.NONE;
        private int left;

        synchronized void set(Fault f, int times) {
            fault = f;
            left = times;
        }

        synchronized Fault take() {
            if (left <= 0) {
                return Fault.NONE;
            }
            left--;
            return fault;
        }
    }

    private static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    private static void respond(Socket s, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + (status < 300 ? "OK" : "Fault") + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n";
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
    }

    /** One CRLF-terminated line, without the CRLF; "" at the end of the headers. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in a request line");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
