/**
 * Local commands: {@link io.postern.device.exec.LocalExecDriver} runs argument vectors with Apache Commons
 * Exec (no shell, minimal environment, a watchdog per step), and {@link io.postern.device.exec.CmdCycleCommand}
 * builds fwknop's {@code CMD_CYCLE_OPEN} / {@code CMD_CYCLE_CLOSE} commands with fwknopd 2.6.10's substitution
 * rules (see {@code server/cmd_cycle.c} in mrash/fwknop).
 */
package io.postern.device.exec;
