package io.postern.orchestrator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.ledger.GrantState;
import io.postern.orchestrator.ledger.LedgerException;
import io.postern.orchestrator.ledger.SqliteStateStore;
import io.postern.orchestrator.serve.ServerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code postern status}: the grants that may still hold something open (opening, open, closing with
 * retries), read from the ledger. Works while {@code serve} runs (read-only, WAL) and while it is stopped.
 */
@Command(name = "status", description = "List open and failing grants from the ledger (serve may be running or not).")
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"--state-dir"}, paramLabel = "DIR", description = "as given to serve (default: /var/lib/postern)")
    Path stateDir = ServerOptions.DEFAULT_STATE_DIR;

    @Option(names = {"--json"}, description = "one JSON object: {\"grants\": [...]}")
    boolean json;

    @Option(names = {"--all"}, description = "also list recently closed and failed grants")
    boolean all;

    @Override
    public Integer call() throws Exception {
        List<Grant> grants;
        try (SqliteStateStore store = SqliteStateStore.openReadOnly(stateDir)) {
            grants = all ? store.recent(200) : store.active();
        } catch (LedgerException e) {
            throw CliException.runtime(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = m.createObjectNode();
            ArrayNode arr = root.putArray("grants");
            for (Grant g : grants) {
                ObjectNode n = arr.addObject();
                n.put("id", g.id());
                n.put("source", g.key().source());
                n.put("stanza", g.key().stanza());
                n.put("proto", g.key().proto());
                n.put("port", g.key().port());
                n.put("target", g.key().target());
                n.put("state", g.state().name().toLowerCase(java.util.Locale.ROOT));
                n.put("opened_at", g.openedAt().toString());
                n.put("expires_at", g.expiresAt().toString());
                n.put("attempts", g.attempts());
                n.put("last_error", g.lastError());
                n.put("next_attempt_at", g.nextAttemptAt() == null ? null : g.nextAttemptAt().toString());
            }
            out.println(m.writeValueAsString(root));
        } else if (grants.isEmpty()) {
            out.println(all ? "no grants recorded" : "no open grants");
        } else {
            Instant now = Instant.now();
            out.printf("%-6s %-9s %-39s %-10s %-16s %-24s %-9s %s%n", "ID", "STATE", "SOURCE", "PORT", "TARGET",
                    "STANZA", "EXPIRES", "LAST ERROR");
            for (Grant g : grants) {
                long left = g.expiresAt().getEpochSecond() - now.getEpochSecond();
                String expires = g.state() == GrantState.CLOSED || g.state() == GrantState.FAILED ? "-"
                        : left >= 0 ? "in " + left + "s" : (-left) + "s ago";
                out.printf("%-6d %-9s %-39s %-10s %-16s %-24s %-9s %s%n", g.id(),
                        g.state().name().toLowerCase(java.util.Locale.ROOT), g.key().source(),
                        g.key().proto() + "/" + g.key().port(), g.key().target(), g.key().stanza(), expires,
                        g.lastError() == null ? "" : g.lastError().replaceAll("\\s+", " "));
            }
        }
        out.flush();
        return 0;
    }
}
