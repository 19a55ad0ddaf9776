package io.postern.orchestrator.cli;

import io.postern.device.exec.LocalExecDriver;
import io.postern.orchestrator.ledger.Grant;
import io.postern.orchestrator.ledger.LedgerException;
import io.postern.orchestrator.ledger.SqliteStateStore;
import io.postern.orchestrator.pipeline.TargetGrantCloser;
import io.postern.orchestrator.serve.ServerOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code postern revoke ID}: closes one grant now, running the close recorded in the ledger. Safe while
 * serve runs: closes are idempotent, and serve's timer skips a grant that is already closed.
 */
@Command(name = "revoke", description = "Close one grant now (see 'postern status' for ids).")
public final class RevokeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "grant id")
    long id;

    @Option(names = {"--state-dir"}, paramLabel = "DIR", description = "as given to serve (default: /var/lib/postern)")
    Path stateDir = ServerOptions.DEFAULT_STATE_DIR;

    @Override
    public Integer call() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(stateDir)) {
            Grant g = store.get(id).orElseThrow(() -> CliException.usage("no grant " + id + " in " + store.file()));
            if (!g.state().isActive()) {
                throw CliException.usage("grant " + id + " is already " + g.state().name().toLowerCase(java.util.Locale.ROOT));
            }
            if (!GrantTargets.isLocal(g)) {
                throw CliException.usage("grant " + id + " is on " + g.key().target()
                        + ": device grants are revoked by the running serve (not yet supported from the command line)");
            }
            store.markClosing(id, Instant.now());
            try {
                TargetGrantCloser.localOnly(LocalExecDriver.simple("local")).close(g);
            } catch (Exception e) {
                store.recordCloseFailure(id, e.getMessage(), Instant.now());
                throw CliException.runtime("close of grant " + id + " failed (serve will retry): " + e.getMessage(), e);
            }
            store.markClosed(id);
            spec.commandLine().getOut().printf("revoked grant %d: %s %s/%d on %s%n", id, g.key().source(),
                    g.key().proto(), g.key().port(), g.key().target());
        } catch (LedgerException e) {
            throw CliException.runtime(e.getMessage(), e);
        }
        return 0;
    }

    /** Which grants this process can close by itself. */
    static final class GrantTargets {
        private GrantTargets() {
        }

        static boolean isLocal(Grant g) {
            return io.postern.orchestrator.pipeline.GrantPlanner.LOCAL_TARGET.equals(g.key().target());
        }
    }
}
