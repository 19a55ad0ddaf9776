/**
 * The {@code ssh-cli} client: interactive device CLIs (Cisco IOS, ASA, generic) over SSH with the Apache MINA
 * SSHD client. {@link io.postern.device.ssh.SshCliConnector} logs in with a strict
 * {@link io.postern.device.ssh.HostKeyPolicy}, {@link io.postern.device.ssh.SshCliSession} runs command lines
 * against the prompt and error patterns of a {@link io.postern.device.ssh.CliProfile}, and
 * {@link io.postern.device.ssh.SshSessionPool} keeps one warm session per device. The {@code ssh-exec} driver runs
 * argv commands on exec channels ({@link io.postern.device.ssh.SshExecSessions}); both drivers connect and
 * authenticate through one {@code SshLogin} and share their settings through {@link io.postern.device.ssh.SshTarget}.
 * Secrets travel as {@link io.postern.device.ssh.Secret} and never reach a log line or an exception message.
 */
package io.postern.device.ssh;
