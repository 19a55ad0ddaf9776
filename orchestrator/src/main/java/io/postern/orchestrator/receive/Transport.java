package io.postern.orchestrator.receive;

/** How an SPA payload reached Postern; fwknopd records the IP protocol in its replay cache, HTTP is UDP/TCP unwrapped. */
public enum Transport {
    /** A UDP datagram, from the UDP server socket or from capture. */
    UDP(17),
    /** The payload of one captured TCP segment (fwknop's {@code -P tcp}). */
    TCP(6),
    /** An SPA string unwrapped from an HTTP {@code GET /...} request carried in a TCP segment. */
    HTTP(6);

    private final int ipProtocol;

    Transport(int ipProtocol) {
        this.ipProtocol = ipProtocol;
    }

    /** The IP protocol number that carried the payload (17 or 6), as fwknopd logs it. */
    public int ipProtocol() {
        return ipProtocol;
    }
}
