package io.postern.orchestrator.knock;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** fwknop's default transport: the packet as one UDP datagram (fwknopd's pcap or UDP server mode). */
public final class UdpSender implements SpaSender {

    @Override
    public void send(String packet, InetSocketAddress to) throws IOException {
        byte[] data = packet.getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(data, data.length, to));
        }
    }
}
