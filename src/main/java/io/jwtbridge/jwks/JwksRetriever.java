package io.jwtbridge.jwks;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import io.jwtbridge.outbound.OutboundUrlPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches an IdP's JWKS under the outbound rules: the URL is checked again at fetch time (scheme,
 * and every address its host resolves to), redirects are not followed, a connect timeout of 1 s
 * and a total deadline of 2 s hold, and answers over 64 KiB are refused.
 */
class JwksRetriever implements ResourceRetriever {

    static final int MAX_BYTES = 64 * 1024;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration DEADLINE = Duration.ofSeconds(2);

    private final OutboundUrlPolicy policy;
    private final HttpClient client;

    JwksRetriever(OutboundUrlPolicy policy) {
        this.policy = policy;
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        String refusal = policy.refusalOf(url.toString()).orElse(null);
        if (refusal != null) {
            throw new IOException("keys endpoint refused: " + refusal);
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url.toURI())
                    .timeout(DEADLINE)
                    .header("Accept", "application/jwk-set+json, application/json")
                    .GET()
                    .build();
        } catch (java.net.URISyntaxException ex) {
            throw new IOException("keys endpoint is not a valid URI", ex);
        }
        CompletableFuture<HttpResponse<byte[]>> answer =
                client.sendAsync(request, info -> new CappedBodySubscriber(MAX_BYTES));
        HttpResponse<byte[]> response;
        try {
            response = answer.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException ex) {
            answer.cancel(true);
            throw new IOException("keys endpoint did not answer within " + DEADLINE.toMillis() + " ms");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching keys", ex);
        } catch (ExecutionException ex) {
            throw new IOException(
                    "keys endpoint fetch failed: " + ex.getCause().getClass().getSimpleName(), ex);
        }
        if (response.statusCode() != 200) {
            throw new IOException("keys endpoint answered HTTP " + response.statusCode());
        }
        return new Resource(
                new String(response.body(), StandardCharsets.UTF_8),
                response.headers().firstValue("Content-Type").orElse(null));
    }

    /** Collects a body, failing as soon as it grows past the limit. */
    static final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBodySubscriber(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int size = buffer.remaining();
                if (body.size() + size > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("keys endpoint answer exceeds " + limit + " bytes"));
                    return;
                }
                byte[] chunk = new byte[size];
                buffer.get(chunk);
                body.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(body.toByteArray());
        }
    }
}
