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

/**
 * A WAF in front of the bridge's JWT handler, as in the seed: it knows its users by its own session
 * cookie, and on the JWT endpoint it forwards the request to the bridge with the user's JWT in a
 * header, relaying the bridge's answer (status and Location) to the browser.
 */
public final class SimulatedWaf implements AutoCloseable {

    public static final String SESSION_COOKIE = "waf_session";

    private final HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String bridge;
    private final String headerName;
    /** Header values to send for the user logged in at the WAF (usually one signed JWT). */
    private volatile Function<String, List<String>> headerValues;
    /** Further headers the WAF adds to every forwarded request (e.g. a gateway secret). */
    private volatile Map<String, List<String>> extraHeaders = Map.of();

    public SimulatedWaf(String bridge, String headerName, Function<String, List<String>> headerValues) {
        this.bridge = bridge;
        this.headerName = headerName;
        this.headerValues = headerValues;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/auth/jwt", this::forward);
        server.start();
    }

    public void headerValues(Function<String, List<String>> headerValues) {
        this.headerValues = headerValues;
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
        for (String value : headerValues.apply(user.get())) {
            request.header(headerName, value);
        }
        extraHeaders.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
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
                List<HttpCookie> parsed = HttpCookie.parse(part.trim());
                for (HttpCookie cookie : parsed) {
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
