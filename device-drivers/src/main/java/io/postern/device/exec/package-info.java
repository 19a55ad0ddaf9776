/**
 * Local commands: {@link io.postern.device.exec.LocalExecDriver} runs argument vectors with
 * {@link java.lang.ProcessBuilder} (no shell, minimal environment, a time limit per step enforced by the
 * calling thread, no helper thread per command; Apache Commons Exec was used first and dropped because its
 * watchdog and two stream-pumper threads per command cost a third of a local-command grant's time, see
 * docs/performance.md, scenario 3), and {@link io.postern.device.exec.CmdCycleCommand} builds
 * fwknop's {@code CMD_CYCLE_OPEN} / {@code CMD_CYCLE_CLOSE} commands with fwknopd 2.6.10's substitution rules
 * (see {@code server/cmd_cycle.c} in mrash/fwknop).
 */
package io.postern.device.exec;
