package io.postern.orchestrator.receive;

/** fwknopd's {@code ENABLE_SPA_OVER_HTTP} and {@code ENABLE_X_FORWARDED_FOR} as one setting for the capture receivers. */
public enum HttpSpaMode {
    /** Payloads are passed as they are (fwknopd's default). */
    OFF,
    /** {@code ENABLE_SPA_OVER_HTTP Y}: fwknop HTTP requests are unwrapped ({@link HttpSpaUnwrapper}). */
    UNWRAP,
    /** Also {@code ENABLE_X_FORWARDED_FOR Y}: the header's IPv4 address is passed on in {@link ReceivedPacket#forwardedFor()}. */
    UNWRAP_WITH_FORWARDED_FOR
}
