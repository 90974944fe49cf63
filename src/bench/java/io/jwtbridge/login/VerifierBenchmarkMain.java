package io.jwtbridge.login;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link VerifierBenchmark} and prints ops/s per algorithm and the ratio bridge / bare. */
public final class VerifierBenchmarkMain {

    private VerifierBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder()
                .include(VerifierBenchmark.class.getSimpleName())
                .jvmArgsAppend("-Xmx512m")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> byAlgorithm = new TreeMap<>();
        for (RunResult result : results) {
            String algorithm = result.getParams().getParam("algorithm");
            String benchmark = result.getParams().getBenchmark();
            double score = result.getPrimaryResult().getScore();
            double[] scores = byAlgorithm.computeIfAbsent(algorithm, a -> new double[3]);
            scores[benchmark.endsWith("bareNimbus") ? 0 : benchmark.endsWith("WithPolicy") ? 2 : 1] = score;
        }
        System.out.printf(
                "%n%-8s %16s %16s %8s %16s %8s%n", "alg", "bare ops/s", "bridge ops/s", "ratio", "policy ops/s", "ratio");
        byAlgorithm.forEach((algorithm, scores) -> System.out.printf(
                "%-8s %16.0f %16.0f %8.3f %16.0f %8.3f%n",
                algorithm, scores[0], scores[1], scores[1] / scores[0], scores[2], scores[2] / scores[0]));
    }
}
