package io.jwtbridge.jwks;

import io.jwtbridge.outbound.AddressClassifier;
import io.jwtbridge.outbound.OutboundUrlPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The outbound HTTP of key fetches, under the SSRF rules: the URL is checked, the host is resolved
 * once, every address is checked, and the connection goes to those very addresses (Apache
 * HttpClient's {@link DnsResolver} hook: no second lookup, so DNS rebinding cannot swap in a
 * private address; TLS still verifies the host name). No redirects, no retries here, bounded
 * connect and read timeouts, a total deadline that aborts a dripping answer, and a size cap.
 */
@Component
class KeysFetcher implements DisposableBean {

    private final OutboundUrlPolicy policy;
    private final JwksProperties properties;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jwks-fetch-deadline");
        thread.setDaemon(true);
        return thread;
    });

    KeysFetcher(OutboundUrlPolicy policy, JwksProperties properties) {
        this.policy = policy;
        this.properties = properties;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckingDnsResolver(policy))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                                .setSocketTimeout(Timeout.of(properties.readTimeout()))
                                .build())
                        .setMaxConnTotal(64)
                        .setMaxConnPerRoute(4)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setResponseTimeout(Timeout.of(properties.readTimeout()))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("jwt-idp-bridge")
                .build();
    }

    /** Why a fetch failed, in words safe to log (never the answer's body). */
    static class FetchException extends IOException {

        private final String outcome;
        private final int status;

        FetchException(String outcome, String message) {
            this(outcome, message, 0);
        }

        FetchException(String outcome, String message, int status) {
            super(message);
            this.outcome = outcome;
            this.status = status;
        }

        /** The HTTP status of an answer that was not 200; else 0. */
        int status() {
            return status;
        }

        /** A short label for metrics: refused_url, http_status, too_large, timeout, io_error. */
        public String outcome() {
            return outcome;
        }
    }

    /** GETs the URL and returns its body as UTF-8 text. */
    String fetch(String url) throws FetchException {
        return fetch(url, "application/jwk-set+json, application/json");
    }

    /** GETs the URL, asking for the given media types, and returns its body as UTF-8 text. */
    String fetch(String url, String accept) throws FetchException {
        Optional<String> refusal = policy.refusalOf(url);
        if (refusal.isPresent()) {
            throw new FetchException("refused_url", "keys endpoint refused: " + refusal.get());
        }
        HttpGet get = new HttpGet(URI.create(url));
        get.setHeader("Accept", accept);
        long deadline = System.nanoTime() + properties.fetchDeadline().toNanos();
        ScheduledFuture<?> abort =
                deadlines.schedule(get::cancel, properties.fetchDeadline().toMillis(), TimeUnit.MILLISECONDS);
        try {
            return client.execute(get, response -> {
                if (response.getCode() != 200) {
                    throw new FetchException(
                            "http_status", "keys endpoint answered HTTP " + response.getCode(), response.getCode());
                }
                if (response.getEntity() == null) {
                    throw new FetchException("http_status", "keys endpoint answered without a body");
                }
                long limit = properties.maxSize().toBytes();
                if (response.getEntity().getContentLength() > limit) {
                    throw new FetchException("too_large", "keys endpoint answer exceeds " + limit + " bytes");
                }
                try (InputStream body = response.getEntity().getContent()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    byte[] buffer = new byte[8192];
                    int read;
                    while ((read = body.read(buffer)) != -1) {
                        if (out.size() + read > limit) {
                            throw new FetchException("too_large", "keys endpoint answer exceeds " + limit + " bytes");
                        }
                        out.write(buffer, 0, read);
                    }
                    return out.toString(StandardCharsets.UTF_8);
                }
            });
        } catch (FetchException ex) {
            throw ex;
        } catch (UnknownHostException ex) {
            throw new FetchException("refused_url", "keys endpoint host: " + ex.getMessage());
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof java.net.SocketTimeoutException
                    || ex instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
                throw new FetchException(
                        "timeout", "keys endpoint timed out (" + ex.getClass().getSimpleName() + ")");
            }
            if (System.nanoTime() >= deadline || get.isCancelled()) {
                throw new FetchException(
                        "timeout",
                        "keys endpoint did not answer within "
                                + properties.fetchDeadline().toMillis() + " ms");
            }
            throw new FetchException(
                    "io_error", "keys endpoint fetch failed: " + ex.getClass().getSimpleName());
        } finally {
            abort.cancel(false);
        }
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }

    /** Resolves once and refuses the host when any address it resolves to is not public. */
    static final class CheckingDnsResolver implements DnsResolver {

        private final OutboundUrlPolicy policy;

        CheckingDnsResolver(OutboundUrlPolicy policy) {
            this.policy = policy;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            Optional<InetAddress> literal = AddressClassifier.parseLiteral(host);
            InetAddress[] addresses = literal.isPresent()
                    ? new InetAddress[] {literal.get()}
                    : SystemDefaultDnsResolver.INSTANCE.resolve(host);
            for (InetAddress address : addresses) {
                Optional<String> refusal = policy.refusalOf(address);
                if (refusal.isPresent()) {
                    throw new UnknownHostException(
                            "refused: the host resolves to a non-public address (" + refusal.get() + ")");
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }
}
