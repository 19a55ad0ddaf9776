package io.postern.device.ssh;

import java.time.Duration;

/**
 * One command line as the device answered it: the command, its output (the echo and the next prompt removed,
 * CR dropped, secrets masked), the prompt that ended it, and how long the answer took.
 */
public record CommandResult(String command, String output, String prompt, Duration elapsed) {
}
