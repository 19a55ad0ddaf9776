/**
 * The {@code postern} command line (picocli): one class per subcommand returning an exit code, shared
 * option mixins, and one exception-to-exit-code mapping in {@link io.postern.orchestrator.cli.PosternCommand}:
 * 0 ok, 1 runtime failure, 2 bad usage or bad configuration, each failure one {@code postern: <reason>}
 * line on standard error. No secret ever reaches the output or an error line.
 */
package io.postern.orchestrator.cli;
