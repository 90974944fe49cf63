package io.jwtbridge.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
 * A WAF (or gateway) in front of the bridge's JWT handler, as in the seed: it knows its users by its
 * own session cookie, and on the JWT endpoint it forwards the request to the bridge with the user's
 * JWT in the headers and cookies it chooses (the seed's WAF: one header; Cloudflare Access: a header
 * and a cookie; AWS ALB: {@code x-amzn-oidc-data}; ...), relaying the bridge's answer (status,
 * Location and body) to the browser.
 */
public final class SimulatedWaf implements AutoCloseable {

    public static final String SESSION_COOKIE = "waf_session";

    /** What the WAF sends for one user: headers (each value one header line) and cookies. */
    public record Forwarded(Map<String, List<String>> headers, Map<String, String> cookies) {

        public static Forwarded header(String name, String value) {
            return headers(name, List.of(value));
        }

        public static Forwarded headers(String name, List<String> values) {
            return new Forwarded(Map.of(name, values), Map.of());
        }

        public static Forwarded cookie(String name, String value) {
            return new Forwarded(Map.of(), Map.of(name, value));
        }
    }

    private final HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String bridge;
    /** The one header of {@link #headerValues}, or null for a WAF made with its {@link Forwarded}. */
    private final String headerName;
    /** What to send for the user logged in at the WAF (usually one signed JWT in one header). */
    private volatile Function<String, Forwarded> forwarded;
    /** Further headers the WAF adds to every forwarded request (e.g. a gateway secret). */
    private volatile Map<String, List<String>> extraHeaders = Map.of();

    /** A WAF that sends the given values in the one header {@code headerName}. */
    public SimulatedWaf(String bridge, String headerName, Function<String, List<String>> headerValues) {
        this(bridge, user -> Forwarded.headers(headerName, headerValues.apply(user)), headerName);
    }

    /** A WAF that sends for each user what {@code forwarded} gives: headers and cookies. */
    public SimulatedWaf(String bridge, Function<String, Forwarded> forwarded) {
        this(bridge, forwarded, null);
    }

    private SimulatedWaf(String bridge, Function<String, Forwarded> forwarded, String headerName) {
        this.bridge = bridge;
        this.headerName = headerName;
        this.forwarded = forwarded;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/auth/jwt", this::forward);
        server.start();
    }

    /** From now on sends the given values in the header this WAF was made with. */
    public void headerValues(Function<String, List<String>> headerValues) {
        if (headerName == null) {
            throw new IllegalStateException("this WAF was made with what it forwards, not with one header");
        }
        forwarded(user -> Forwarded.headers(headerName, headerValues.apply(user)));
    }

    public void forwarded(Function<String, Forwarded> forwarded) {
        this.forwarded = forwarded;
    }

    public void extraHeaders(Map<String, List<String>> extraHeaders) {
        this.extraHeaders = extraHeaders;
    }

    public String jwtEndpoint() {
        return base() + "/auth/jwt";
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public URI uri() {
        return URI.create(base());
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
        extraHeaders.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
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
        byte[] body = answer.body().getBytes();
        exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
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
                    if (SESSION_COOKIE.equals(cookie.getName())) {
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
