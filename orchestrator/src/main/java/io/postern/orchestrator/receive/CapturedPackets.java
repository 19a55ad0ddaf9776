package io.postern.orchestrator.receive;

import java.time.Instant;
import java.util.Optional;

/** Turns a parsed {@link Frame} into a {@link ReceivedPacket}, applying HTTP unwrapping; shared by live and file capture. */
final class CapturedPackets {

    private CapturedPackets() {
    }

    static ReceivedPacket toPacket(Frame frame, byte[] data, Instant at, HttpSpaMode http) {
        ReceivedPacket raw = ReceivedPacket.of(data, frame.payloadOffset(), frame.payloadLength(), frame.source(),
                frame.destination(), frame.transport(), at);
        if (http == HttpSpaMode.OFF) {
            return raw;
        }
        Optional<HttpSpaUnwrapper.HttpSpa> unwrapped = HttpSpaUnwrapper.unwrap(raw.payload());
        if (unwrapped.isEmpty()) {
            return raw;
        }
        HttpSpaUnwrapper.HttpSpa spa = unwrapped.get();
        return new ReceivedPacket(spa.spa(), raw.source(), raw.destination(), Transport.HTTP, at,
                http == HttpSpaMode.UNWRAP_WITH_FORWARDED_FOR ? spa.forwardedFor() : null);
    }
}
