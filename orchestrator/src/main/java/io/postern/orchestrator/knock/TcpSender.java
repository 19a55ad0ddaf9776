package io.postern.orchestrator.knock;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * {@code -P tcp}: connects and writes the bare packet, then closes. fwknopd's TCP server only accepts
 * the connection; the packet itself is read off the wire by pcap.
 */
public final class TcpSender implements SpaSender {

    @Override
    public void send(String packet, InetSocketAddress to) throws IOException {
        write(packet.getBytes(StandardCharsets.US_ASCII), to);
    }

    static void write(byte[] data, InetSocketAddress to) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(to, CONNECT_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(data);
            out.flush();
            socket.shutdownOutput();
        }
    }
}
