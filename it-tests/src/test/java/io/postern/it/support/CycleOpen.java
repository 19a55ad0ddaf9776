package io.postern.it.support;

/**
 * The values fwknopd substituted into a CMD_CYCLE_OPEN command.
 *
 * @param src           {@code $SRC}: the allow IP, or the packet source for 0.0.0.0
 * @param proto         {@code $PROTO}: 6 or 17 for the first requested port
 * @param port          {@code $PORT}: the first requested port
 * @param clientTimeout {@code $CLIENT_TIMEOUT}: the client's timeout, else CMD_CYCLE_TIMER
 */
public record CycleOpen(String src, int proto, int port, int clientTimeout) {

    /** The line the test's CMD_CYCLE script writes for this open. */
    public String line() {
        return "OPEN " + src + " " + proto + " " + port + " " + clientTimeout;
    }
}
