package io.jwtbridge.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The chaos run's load (bench/chaos.sh): logins at a fixed rate over several bridges while the
 * script breaks things, with what a checker needs afterwards: a per-second timeline, the failures by
 * kind, every completed login's user, and the codes that two parallel redemptions both redeemed.
 *
 * <p>Options ({@code --name=value}): {@code bridge} (base URLs, comma-separated), {@code issuer},
 * {@code admin-id}, {@code admin-secret}, {@code rate} (logins/s), {@code concurrency},
 * {@code duration} (seconds), {@code user-count} (a user is registered at its first login, so
 * first logins run during the faults too), {@code race-every} (every n-th login redeems its code at
 * two bridges at once), {@code out} (a folder).
 */
public final class ChaosLoad {

    private ChaosLoad() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>();
        for (String arg : args) {
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        List<String> bridges = Arrays.asList(options.get("bridge").split(","));
        String issuer = options.getOrDefault("issuer", bridges.get(0));
        double rate = Double.parseDouble(options.getOrDefault("rate", "40"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "64"));
        int duration = Integer.parseInt(options.getOrDefault("duration", "420"));
        int userCount = Integer.parseInt(options.getOrDefault("user-count", "3000"));
        int raceEvery = Integer.parseInt(options.getOrDefault("race-every", "10"));
        Path out = Files.createDirectories(Path.of(options.getOrDefault("out", "target/chaos")));

        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        AdminApi admin = new AdminApi(http, bridges.get(0), options.get("admin-id"), options.get("admin-secret"));
        try (LoadWaf waf = new LoadWaf("RS256", bridges.get(0), concurrency * 2)) {
            String runId = UUID.randomUUID().toString().substring(0, 8);
            AdminApi.Setup setup = admin.setUp(waf, runId);
            Files.writeString(out.resolve("waf.url"), waf.base());
            Files.writeString(out.resolve("idp.id"), setup.idpId());
            List<LoginRun> runs = setup.runs(http, bridges, issuer, waf);
            Run run = new Run(duration);
            long start = System.nanoTime();
            long startEpoch = System.currentTimeMillis() / 1000;
            double interval = 1e9 / rate;
            AtomicLong tickets = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                Thread worker = new Thread(() -> {
                    long[] hopNanos = new long[LoginRun.Hop.values().length];
                    while (true) {
                        long ticket = tickets.getAndIncrement();
                        long scheduled = start + (long) (ticket * interval);
                        int second = (int) ((scheduled - start) / 1_000_000_000L);
                        if (second >= duration) {
                            return;
                        }
                        try {
                            long wait = scheduled - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                            String user = "chaos-" + runId + "-" + ThreadLocalRandom.current().nextInt(userCount);
                            LoginRun login = runs.get((int) (ticket % runs.size()));
                            LoginRun racer = ticket % raceEvery == 0 && runs.size() > 1
                                    ? runs.get((int) ((ticket + 1) % runs.size()))
                                    : null;
                            run.attempted.incrementAndGet(second);
                            try {
                                String sub = login.login(user, hopNanos, racer);
                                run.completed.incrementAndGet(second);
                                run.logins.add(user + "," + sub);
                            } catch (LoginRun.Failure failure) {
                                run.failed.incrementAndGet(second);
                                run.failures.merge(failure.kind(), 1L, Long::sum);
                            }
                        } catch (InterruptedException ex) {
                            return;
                        }
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            run.write(out, startEpoch, setup.idpId());
        }
    }

    /** What the run saw, by the second its logins were scheduled in. */
    private static final class Run {
        final AtomicLongArray attempted;
        final AtomicLongArray completed;
        final AtomicLongArray failed;
        final Map<String, Long> failures = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> logins = new ConcurrentLinkedQueue<>();

        Run(int seconds) {
            attempted = new AtomicLongArray(seconds);
            completed = new AtomicLongArray(seconds);
            failed = new AtomicLongArray(seconds);
        }

        void write(Path out, long startEpoch, String idpId) throws IOException {
            StringBuilder timeline = new StringBuilder("epoch,attempted,completed,failed\n");
            long attemptedTotal = 0;
            long completedTotal = 0;
            for (int s = 0; s < attempted.length(); s++) {
                timeline.append(startEpoch + s).append(',').append(attempted.get(s)).append(',');
                timeline.append(completed.get(s)).append(',').append(failed.get(s)).append('\n');
                attemptedTotal += attempted.get(s);
                completedTotal += completed.get(s);
            }
            Files.writeString(out.resolve("timeline.csv"), timeline);
            Files.writeString(out.resolve("completed.csv"), String.join("\n", logins) + "\n");
            StringBuilder summary = new StringBuilder();
            summary.append(String.format(
                    Locale.ROOT,
                    "logins attempted: %d%nlogins completed: %d%nlogins failed: %d%n",
                    attemptedTotal,
                    completedTotal,
                    attemptedTotal - completedTotal));
            new TreeMap<>(failures)
                    .forEach((kind, count) -> summary.append("  failed ").append(kind).append(": ").append(count)
                            .append('\n'));
            summary.append("codes redeemed twice (two parallel redemptions both got tokens): ")
                    .append(LoginRun.racedRedemptions.get())
                    .append('\n');
            Files.writeString(out.resolve("driver.txt"), summary);
            System.out.print(summary);
        }
    }
}
