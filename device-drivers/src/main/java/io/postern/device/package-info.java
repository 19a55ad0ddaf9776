/**
 * The device driver SPI: a {@link io.postern.device.DeviceDriver} opens and closes one grant on one device
 * by running a {@link io.postern.device.CommandSequence} of argv {@link io.postern.device.Step}s, each with its
 * own time limit, and reports {@link io.postern.device.StepResult}s (secrets masked) or a
 * {@link io.postern.device.DeviceException} carrying the device's own output. Drivers are created by name
 * through {@link io.postern.device.BuiltinDrivers}, which also finds extra
 * {@link io.postern.device.DriverFactory} implementations with {@link java.util.ServiceLoader}.
 */
package io.postern.device;
