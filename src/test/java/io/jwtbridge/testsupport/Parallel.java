package io.jwtbridge.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs the same request {@code n} times at once (all released together), for races. */
public final class Parallel {

    private Parallel() {}

    /** One of the {@code n} requests, told which one it is (0 to n - 1). */
    public interface Indexed<T> {
        T call(int i) throws Exception;
    }

    public static <T> List<T> run(int n, Callable<T> request) throws Exception {
        return run(n, i -> request.call());
    }

    /** Waits up to two minutes for each answer (twenty logins at once can take a while on CI). */
    public static <T> List<T> run(int n, Indexed<T> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return request.call(index);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> answer : answers) {
                results.add(answer.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
