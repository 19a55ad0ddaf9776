package io.postern.it.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The protected "SSH" service of the seed scenarios, run as its own JVM inside the server namespace
 * ({@code java -cp <test classes> io.postern.it.serve.TcpService 22}): it listens on every address of
 * the namespace, writes an SSH-like banner to each connection and closes it. It prints {@link #READY}
 * once bound and runs until killed.
 */
public final class TcpService {

    static final String READY = "tcp service listening";

    private TcpService() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(port));
            System.out.println(READY + " on " + port);
            System.out.flush();
            while (true) {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("SSH-2.0-postern-it\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    System.out.println("connection failed: " + e);
                }
            }
        }
    }
}
