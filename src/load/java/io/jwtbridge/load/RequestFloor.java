package io.jwtbridge.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of one request that does almost nothing, through the same Tomcat, filters and security
 * chains a login's requests pass: what every hop of a login costs before its own work. Run by
 * {@code BENCH_MAIN=io.jwtbridge.load.RequestFloor bench/login-load.sh}; options {@code bridge},
 * {@code pids}, {@code paths} (comma-separated), {@code concurrency}, {@code warmup},
 * {@code duration}, {@code out}. Other options are ignored.
 */
public final class RequestFloor {

    private RequestFloor() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String bridge = options.getOrDefault("bridge", "http://127.0.0.1:8080").split(",")[0];
        long pid = Long.parseLong(options.get("pids").split(",")[0]);
        String[] paths = options.getOrDefault(
                        "paths", "/actuator/health/liveness,/.well-known/openid-configuration,/oauth/v2/keys")
                .split(",");
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "30"));
        int duration = Integer.parseInt(options.getOrDefault("duration", "20"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "request floor, %d clients, %d s after %d s warm-up per path, bridge %s%n",
                concurrency,
                duration,
                warmup,
                bridge));
        for (String path : paths) {
            URI uri = URI.create(bridge + path);
            load(http, uri, concurrency, warmup);
            double[] before = Machine.cpuSplitSeconds(pid);
            double machineBefore = Machine.machineBusySeconds();
            long start = System.nanoTime();
            long requests = load(http, uri, concurrency, duration);
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] after = Machine.cpuSplitSeconds(pid);
            double machineAfter = Machine.machineBusySeconds();
            report.append(String.format(
                    Locale.ROOT,
                    "%-40s %8.0f req/s; bridge CPU per request %.3f ms (user %.3f, system %.3f); machine %.2f cores%n",
                    path,
                    requests / seconds,
                    (after[0] + after[1] - before[0] - before[1]) * 1000 / requests,
                    (after[0] - before[0]) * 1000 / requests,
                    (after[1] - before[1]) * 1000 / requests,
                    (machineAfter - machineBefore) / seconds));
        }
        System.out.print(report);
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), report.toString());
        }
    }

    /** Requests from {@code concurrency} threads for {@code seconds}; the count of 2xx answers. */
    private static long load(HttpClient http, URI uri, int concurrency, int seconds) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(() -> {
                HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
                while (System.nanoTime() < end) {
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() / 100 == 2) {
                            ok.incrementAndGet();
                        }
                    } catch (Exception ex) {
                        throw new IllegalStateException(uri + ": " + ex, ex);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return ok.get();
    }
}
