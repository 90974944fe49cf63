package io.jwtbridge.jwks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A keys endpoint whose behaviour the test scripts, on a raw socket so it can also reset, hang and
 * drip: {@link Mode}. Counts connections and hits per path.
 */
public final class ScriptedKeysServerAccess implements AutoCloseable {

    public enum Mode {
        OK,
        ERROR_500,
        RESET,
        HANG,
        DRIP,
        REDIRECT,
        HUGE,
        /** Answers correctly after 0.8 s (inside the read timeout). */
        SLOW
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private volatile Mode mode = Mode.OK;
    private volatile String jwks = "{\"keys\":[]}";
    final AtomicInteger connections = new AtomicInteger();
    final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    public ScriptedKeysServerAccess() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        acceptor = new Thread(this::acceptLoop, "scripted-keys-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public void serve(String jwks) {
        this.jwks = jwks;
    }

    int port() {
        return server.getLocalPort();
    }

    public String url(String host) {
        return "http://" + host + ":" + port() + "/keys";
    }

    public int hits(String path) {
        return hits.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread handler = new Thread(() -> handle(socket), "scripted-keys-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String requestLine = in.readLine();
            if (requestLine == null) {
                return;
            }
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                // headers are not needed
            }
            String path = requestLine.split(" ")[1];
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            OutputStream out = socket.getOutputStream();
            Mode current = path.equals("/keys") ? mode : Mode.OK;
            switch (current) {
                case OK -> respond(out, 200, jwks);
                case ERROR_500 -> respond(out, 500, "{\"error\":\"upstream broke\"}");
                case RESET -> {
                    socket.setSoLinger(true, 0);
                    socket.close();
                }
                case HANG -> Thread.sleep(10_000);
                case DRIP -> {
                    byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    for (int i = 0; i < body.length; i += 10) {
                        out.write(body, i, Math.min(10, body.length - i));
                        out.flush();
                        Thread.sleep(400);
                    }
                }
                case REDIRECT -> {
                    out.write(("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:" + port()
                                    + "/redirect-target\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                case SLOW -> {
                    Thread.sleep(800);
                    respond(out, 200, jwks);
                }
                case HUGE -> {
                    StringBuilder huge = new StringBuilder("{\"keys\":[],\"padding\":\"");
                    huge.append("x".repeat(2 * 1024 * 1024));
                    huge.append("\"}");
                    respond(out, 200, huge.toString());
                }
            }
        } catch (IOException | InterruptedException ex) {
            // the client went away (timeouts, resets): nothing to do
        }
    }

    private static void respond(OutputStream out, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ex) {
            // closing anyway
        }
    }
}
