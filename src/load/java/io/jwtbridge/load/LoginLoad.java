package io.jwtbridge.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The login load driver (docs/performance.md): complete logins against a running bridge through a simulated
 * WAF, each virtual browser with its own cookies, and the figures of the measured window.
 *
 * <p>Options ({@code --name=value}): {@code bridge} (base URLs, comma-separated; each login stays
 * on one), {@code issuer} (the bridges' issuer, default the first URL), {@code admin-id},
 * {@code admin-secret}, {@code alg} (RS256 | ES256), {@code users} (returning | new),
 * {@code user-count}, {@code rate} (logins/s, open model; 0 = closed model), {@code concurrency},
 * {@code warmup} and {@code duration} (seconds), {@code pids} (the bridges' process ids, for CPU and
 * RSS), {@code jdbc-url} and {@code jdbc-user} (the bridges' database, for its counters),
 * {@code out} (the report file).
 */
public final class LoginLoad {

    private static final int HOPS = LoginRun.Hop.values().length;

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private LoginLoad(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        System.exit(new LoginLoad(options).run() ? 0 : 1);
    }

    private String option(String name, String fallback) {
        String value = options.getOrDefault(name, fallback);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private boolean run() throws Exception {
        List<String> bridges = Arrays.asList(option("bridge", "http://127.0.0.1:8080").split(","));
        String issuer = option("issuer", bridges.get(0));
        String alg = option("alg", "RS256");
        boolean newUsers = option("users", "returning").equals("new");
        int userCount = Integer.parseInt(option("user-count", "500"));
        double rate = Double.parseDouble(option("rate", "0"));
        int concurrency = Integer.parseInt(option("concurrency", rate > 0 ? "64" : "16"));
        int warmup = Integer.parseInt(option("warmup", "20"));
        int duration = Integer.parseInt(option("duration", "30"));
        List<Long> pids = options.containsKey("pids")
                ? Arrays.stream(options.get("pids").split(",")).map(Long::parseLong).toList()
                : List.of();
        Path out = Path.of(option("out", "target/bench/login-load.txt"));

        AdminApi admin = new AdminApi(http, bridges.get(0), option("admin-id", null), option("admin-secret", null));
        DatabaseCounters database = options.containsKey("jdbc-url")
                ? new DatabaseCounters(options.get("jdbc-url"), option("jdbc-user", "postgres"))
                : null;
        try (LoadWaf waf = new LoadWaf(alg, bridges.get(0), concurrency * 2)) {
            String runId = UUID.randomUUID().toString().substring(0, 8);
            AdminApi.Setup setup = admin.setUp(waf, runId);
            List<LoginRun> runs = setup.runs(http, bridges, issuer, waf);

            List<String> users = new ArrayList<>();
            for (int i = 0; i < userCount; i++) {
                users.add("load-" + runId + "-" + i);
            }
            AtomicLong newUserNumber = new AtomicLong();
            Supplier<String> picker = newUsers
                    ? () -> "load-" + runId + "-new-" + newUserNumber.incrementAndGet()
                    : () -> users.get(ThreadLocalRandom.current().nextInt(users.size()));

            if (!newUsers) {
                users.forEach(waf::prepare);
                AtomicLong next = new AtomicLong();
                Phase registration =
                        phase(runs, () -> users.get((int) next.getAndIncrement()), 0, concurrency, 0, userCount);
                System.out.printf(
                        Locale.ROOT,
                        "registered %d users in %.1f s (%d failures)%n",
                        registration.completed(),
                        registration.seconds,
                        registration.failureCount());
            }
            Phase warm = phase(runs, picker, rate, concurrency, warmup, Long.MAX_VALUE);
            System.out.printf(
                    Locale.ROOT,
                    "warm-up: %.0f logins/s, %d failures %s%n",
                    warm.completed() / warm.seconds,
                    warm.failureCount(),
                    warm.failures);

            long keyRequestsBefore = waf.keyRequests.get();
            long signaturesBefore = waf.signatures.get();
            DatabaseCounters.Snapshot dbBefore = database == null ? null : database.snapshot();
            double[] cpuBefore = pids.stream().mapToDouble(Machine::cpuSeconds).toArray();
            double machineBefore = Machine.machineBusySeconds();
            double stealBefore = Machine.machineStealSeconds();
            double driverBefore = driverCpuSeconds();
            double postgresBefore = Machine.cpuSecondsOfCommand("postgres");
            RssSampler rss = new RssSampler(pids);
            rss.start();
            Phase measured = phase(runs, picker, rate, concurrency, duration, Long.MAX_VALUE);
            rss.interrupt();
            rss.join();
            double[] cpuAfter = pids.stream().mapToDouble(Machine::cpuSeconds).toArray();
            double machineAfter = Machine.machineBusySeconds();
            double stealAfter = Machine.machineStealSeconds();
            double driverAfter = driverCpuSeconds();
            double postgresAfter = Machine.cpuSecondsOfCommand("postgres");
            long keyRequests = waf.keyRequests.get() - keyRequestsBefore;
            long wafSignatures = waf.signatures.get() - signaturesBefore;
            DatabaseCounters.Snapshot dbAfter = null;
            if (database != null) {
                // Backends flush their table counters at most every second and at the latest 10 s
                // after they went idle.
                Thread.sleep(11_000);
                dbAfter = database.snapshot();
            }

            StringBuilder report = new StringBuilder();
            report.append(String.format(
                    Locale.ROOT,
                    "jwt-idp-bridge login load, %s%nbridges %s, WAF keys %s, %s users (%s), %s, %d s measured after %d s warm-up%n",
                    Instant.now(),
                    bridges,
                    alg,
                    newUsers ? "new" : "returning",
                    newUsers ? "each login registers one" : userCount + " registered before",
                    rate > 0
                            ? String.format(Locale.ROOT, "open model at %.0f logins/s (up to %d at once)", rate, concurrency)
                            : "closed model, " + concurrency + " browsers",
                    duration,
                    warmup));
            report.append(String.format(
                    Locale.ROOT,
                    "%ncompleted logins: %d in %.1f s = %.1f logins/s%nfailures: %d %s%n",
                    measured.completed(),
                    measured.seconds,
                    measured.completed() / measured.seconds,
                    measured.failureCount(),
                    measured.failures));
            report.append(String.format(
                    Locale.ROOT, "%nlatency (ms)      %8s %8s %8s %8s%n", "p50", "p95", "p99", "max"));
            report.append(latencyLine("whole login", measured.total));
            for (LoginRun.Hop hop : LoginRun.Hop.values()) {
                report.append(latencyLine("  " + hop.name().toLowerCase(Locale.ROOT), measured.hops[hop.ordinal()]));
            }
            report.append("\n");
            for (int i = 0; i < pids.size(); i++) {
                report.append(String.format(
                        Locale.ROOT,
                        "bridge pid %d: CPU %.2f cores (%.2f ms per login), RSS max %.0f MiB%n",
                        pids.get(i),
                        (cpuAfter[i] - cpuBefore[i]) / measured.seconds,
                        (cpuAfter[i] - cpuBefore[i]) * 1000 / Math.max(1, measured.completed()),
                        rss.max[i]));
            }
            if (machineBefore >= 0 && machineAfter >= 0) {
                report.append(String.format(
                        Locale.ROOT,
                        "machine: %.2f of %d cores busy; load driver and WAF: %.2f cores (%.2f ms per login);"
                                + " PostgreSQL: %.2f cores (%.2f ms per login)%n",
                        (machineAfter - machineBefore) / measured.seconds,
                        Runtime.getRuntime().availableProcessors(),
                        (driverAfter - driverBefore) / measured.seconds,
                        (driverAfter - driverBefore) * 1000 / Math.max(1, measured.completed()),
                        (postgresAfter - postgresBefore) / measured.seconds,
                        (postgresAfter - postgresBefore) * 1000 / Math.max(1, measured.completed())));
                report.append(String.format(
                        Locale.ROOT,
                        "steal (cores the hypervisor held back): %.2f%n",
                        (stealAfter - stealBefore) / measured.seconds));
            }
            report.append(String.format(
                    Locale.ROOT,
                    "keys endpoint requests during the run: %d; JWTs the WAF signed: %d%n",
                    keyRequests,
                    wafSignatures));
            if (database != null) {
                appendDatabase(report, database, dbBefore, dbAfter, measured.completed());
            }
            System.out.print(report);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report.toString());
            System.out.println("\nreport written to " + out);
            return measured.failureCount() == 0;
        }
    }

    private static void appendDatabase(
            StringBuilder report,
            DatabaseCounters database,
            DatabaseCounters.Snapshot before,
            DatabaseCounters.Snapshot after,
            long logins) {
        double per = Math.max(1, logins);
        report.append(String.format(
                Locale.ROOT,
                "%nPostgreSQL, per login (whole database, so a few background statements are included):%n"
                        + "commits: %.2f%nWAL written (whole server): %.0f bytes%n",
                (after.commits() - before.commits()) / per,
                (after.walBytes() - before.walBytes()) / per));
        if (database.statementsAvailable()) {
            Map<String, long[]> statements = DatabaseCounters.statementDelta(before, after);
            long calls = statements.values().stream().mapToLong(c -> c[0]).sum();
            long writes = statements.entrySet().stream()
                    .filter(e -> DatabaseCounters.isWrite(e.getKey()))
                    .mapToLong(e -> e.getValue()[0])
                    .sum();
            report.append(String.format(
                    Locale.ROOT,
                    "statements: %.2f, of which writes (insert/update/delete): %.2f%n",
                    calls / per,
                    writes / per));
            long time = statements.values().stream().mapToLong(c -> c[2]).sum();
            report.append(String.format(
                    Locale.ROOT,
                    "statement execution time: %.0f µs per login (calls per login, µs per login, statement):%n",
                    time / per));
            long planning = statements.values().stream().mapToLong(c -> c[3]).sum();
            report.append(String.format(
                    Locale.ROOT,
                    "statement planning time (pg_stat_statements.track_planning): %.0f µs per login%n",
                    planning / per));
            statements.forEach((query, counts) -> report.append(String.format(
                    Locale.ROOT,
                    "  %6.2f %7.0f %s %s%n",
                    counts[0] / per,
                    counts[2] / per,
                    DatabaseCounters.isWrite(query) ? "W" : " ",
                    query.length() > 150 ? query.substring(0, 150) + "…" : query)));
        } else {
            report.append("statements: pg_stat_statements is not loaded in this server; see rows below\n");
        }
        report.append("rows inserted / updated / deleted per login, by table:\n");
        DatabaseCounters.tableDelta(before, after)
                .forEach((table, counts) -> report.append(String.format(
                        Locale.ROOT,
                        "  %-32s %6.2f %6.2f %6.2f%n",
                        table,
                        counts[0] / per,
                        counts[1] / per,
                        counts[2] / per)));
    }

    private static String latencyLine(String name, Histogram histogram) {
        return String.format(
                Locale.ROOT,
                "%-16s %8.2f %8.2f %8.2f %8.2f%n",
                name,
                histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(95) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0);
    }

    /** The figures of one phase: latencies in microseconds, failures by kind. */
    private static final class Phase {
        final Histogram total = histogram();
        final Histogram[] hops = new Histogram[HOPS];
        final Map<String, Long> failures = new TreeMap<>();
        double seconds;

        Phase() {
            for (int i = 0; i < HOPS; i++) {
                hops[i] = histogram();
            }
        }

        long completed() {
            return total.getTotalCount();
        }

        long failureCount() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        synchronized void add(Histogram workerTotal, Histogram[] workerHops, Map<String, Long> workerFailures) {
            total.add(workerTotal);
            for (int i = 0; i < HOPS; i++) {
                hops[i].add(workerHops[i]);
            }
            workerFailures.forEach((kind, count) -> failures.merge(kind, count, Long::sum));
        }

        static Histogram histogram() {
            return new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        }
    }

    /**
     * Runs logins with {@code concurrency} browsers for {@code seconds} (0: no time limit) or until
     * {@code maxLogins} logins started. With a rate, logins start on a fixed schedule
     * and each is timed from its scheduled start, so a slow bridge shows as latency.
     */
    private Phase phase(
            List<LoginRun> runs, Supplier<String> users, double rate, int concurrency, int seconds, long maxLogins)
            throws InterruptedException {
        Phase phase = new Phase();
        long start = System.nanoTime();
        long end = seconds > 0 ? start + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
        double interval = rate > 0 ? 1e9 / rate : 0;
        AtomicLong tickets = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            Thread worker = new Thread(
                    () -> {
                        Histogram total = Phase.histogram();
                        Histogram[] hops = new Histogram[HOPS];
                        for (int i = 0; i < HOPS; i++) {
                            hops[i] = Phase.histogram();
                        }
                        Map<String, Long> failures = new ConcurrentHashMap<>();
                        long[] hopNanos = new long[HOPS];
                        try {
                            while (true) {
                                long ticket = tickets.getAndIncrement();
                                if (ticket >= maxLogins) {
                                    break;
                                }
                                long scheduled = rate > 0 ? start + (long) (ticket * interval) : System.nanoTime();
                                if (scheduled >= end) {
                                    break;
                                }
                                long wait = scheduled - System.nanoTime();
                                if (wait > 0) {
                                    TimeUnit.NANOSECONDS.sleep(wait);
                                }
                                LoginRun run = runs.get((int) (ticket % runs.size()));
                                Arrays.fill(hopNanos, 0);
                                try {
                                    run.login(users.get(), hopNanos);
                                    total.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
                                    for (int i = 0; i < HOPS; i++) {
                                        hops[i].recordValue(hopNanos[i] / 1000);
                                    }
                                } catch (LoginRun.Failure failure) {
                                    failures.merge(failure.kind(), 1L, Long::sum);
                                }
                            }
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        } finally {
                            phase.add(total, hops, failures);
                        }
                    },
                    "browser-" + w);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        phase.seconds = (System.nanoTime() - start) / 1e9;
        return phase;
    }

    private static double driverCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return 0;
    }

    /** The highest RSS of each bridge process, sampled every 200 ms. */
    private static final class RssSampler extends Thread {
        private final List<Long> pids;
        final double[] max;

        RssSampler(List<Long> pids) {
            super("rss-sampler");
            this.pids = pids;
            this.max = new double[pids.size()];
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                for (int i = 0; i < pids.size(); i++) {
                    max[i] = Math.max(max[i], Machine.rssMiB(pids.get(i)));
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }
    }
}
