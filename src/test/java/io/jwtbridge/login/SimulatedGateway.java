package io.jwtbridge.login;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.SimulatedWaf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A gateway in front of the bridge's JWT handler that hands the user's JWT on the way a real one does:
 * in the headers and cookies it chooses (Cloudflare Access: a header and a cookie; AWS ALB:
 * {@code x-amzn-oidc-data}; ...). It knows its users by its own session cookie and relays the
 * bridge's answer (status and Location).
 */
final class SimulatedGateway implements AutoCloseable {

    /** What the gateway sends for one user: headers (each value one header line) and cookies. */
    record Forwarded(Map<String, List<String>> headers, Map<String, String> cookies) {

        static Forwarded header(String name, String value) {
            return new Forwarded(Map.of(name, List.of(value)), Map.of());
        }

        static Forwarded cookie(String name, String value) {
            return new Forwarded(Map.of(), Map.of(name, value));
        }
    }

    private final HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String bridge;
    private volatile Function<String, Forwarded> forwarded;

    SimulatedGateway(String bridge, Function<String, Forwarded> forwarded) {
        this.bridge = bridge;
        this.forwarded = forwarded;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/auth/jwt", this::forward);
        server.start();
    }

    void forwarded(Function<String, Forwarded> forwarded) {
        this.forwarded = forwarded;
    }

    String jwtEndpoint() {
        return base() + "/auth/jwt";
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Logs the browser in at this gateway as the given user (the gateway's own session cookie). */
    void logIn(Browser browser, String user) {
        HttpCookie cookie = new HttpCookie(SimulatedWaf.SESSION_COOKIE, user);
        cookie.setPath("/");
        cookie.setVersion(0);
        browser.cookies.getCookieStore().add(URI.create(base()), cookie);
    }

    private void forward(HttpExchange exchange) throws IOException {
        Optional<String> user = userOf(exchange);
        if (user.isEmpty()) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bridge + "/ui/login/login/jwt/authorize?"
                        + exchange.getRequestURI().getRawQuery()))
                .timeout(Duration.ofSeconds(30))
                .GET();
        Forwarded what = forwarded.apply(user.get());
        what.headers().forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        if (!what.cookies().isEmpty()) {
            request.header(
                    "Cookie",
                    what.cookies().entrySet().stream()
                            .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                            .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException(ex);
        }
        answer.headers()
                .firstValue("Location")
                .ifPresent(location -> exchange.getResponseHeaders().add("Location", location));
        exchange.sendResponseHeaders(answer.statusCode(), -1);
        exchange.close();
    }

    private static Optional<String> userOf(HttpExchange exchange) {
        List<String> cookies = exchange.getRequestHeaders().get("Cookie");
        if (cookies == null) {
            return Optional.empty();
        }
        for (String header : cookies) {
            for (String part : header.split(";")) {
                for (HttpCookie cookie : HttpCookie.parse(part.trim())) {
                    if (SimulatedWaf.SESSION_COOKIE.equals(cookie.getName())) {
                        return Optional.of(cookie.getValue());
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
