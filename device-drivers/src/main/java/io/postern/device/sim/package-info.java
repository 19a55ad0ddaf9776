/**
 * Simulated devices served on loopback: {@link io.postern.device.sim.SimulatedCiscoIos} is a stateful
 * Cisco-IOS-like CLI behind an embedded Apache MINA SSHD server. They are main code because
 * {@code postern demo} runs against them; tests use their fault hooks ({@link io.postern.device.sim.SimulatedFaults})
 * to play a device that refuses, errs, hangs or drops the connection.
 */
package io.postern.device.sim;
