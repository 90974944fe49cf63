package io.jwtbridge.login;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link VerifierBenchmark} in rounds: in each round, per algorithm, bare Nimbus, the bridge and
 * the bridge with a policy one right after the other (one fork each), so each ratio compares runs
 * a few seconds apart; a shared VM drifts by more than the difference measured over the minutes one
 * whole JMH run takes. Prints each round's ops/s and ratios, and the median ratio per algorithm.
 * {@code -Drounds=N} (default 3).
 */
public final class VerifierBenchmarkMain {

    private static final String[] BENCHMARKS = {"bareNimbus", "bridgeVerifier", "bridgeVerifierWithPolicy"};

    private VerifierBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 3);
        String[] algorithms = {"RS256", "ES256", "EdDSA"};
        double[][][] scores = new double[algorithms.length][rounds][BENCHMARKS.length];
        for (int round = 0; round < rounds; round++) {
            for (int a = 0; a < algorithms.length; a++) {
                for (int b = 0; b < BENCHMARKS.length; b++) {
                    scores[a][round][b] = run(algorithms[a], BENCHMARKS[b]);
                }
            }
        }
        System.out.printf("%n%-6s %5s %12s %12s %7s %12s %7s%n", "alg", "round", "bare ops/s", "bridge", "ratio",
                "policy", "ratio");
        for (int a = 0; a < algorithms.length; a++) {
            List<Double> bridge = new ArrayList<>();
            List<Double> policy = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double[] s = scores[a][round];
                bridge.add(s[1] / s[0]);
                policy.add(s[2] / s[0]);
                System.out.printf("%-6s %5d %12.0f %12.0f %7.3f %12.0f %7.3f%n", algorithms[a], round + 1, s[0], s[1],
                        s[1] / s[0], s[2], s[2] / s[0]);
            }
            System.out.printf("%-6s %5s %12s %12s %7.3f %12s %7.3f%n", algorithms[a], "median", "", "", median(bridge),
                    "", median(policy));
        }
    }

    private static double run(String algorithm, String benchmark) throws Exception {
        Options options = new OptionsBuilder()
                .include(VerifierBenchmark.class.getSimpleName() + "." + benchmark + "$")
                .param("algorithm", algorithm)
                .forks(1)
                .warmupIterations(4)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xmx512m")
                .build();
        RunResult result = new Runner(options).runSingle();
        return result.getPrimaryResult().getScore();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
