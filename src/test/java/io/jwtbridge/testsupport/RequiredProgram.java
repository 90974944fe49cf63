package io.jwtbridge.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real program a test runs (nginx, node, Chromium, chromedriver), found among the given
 * candidates; where none is installed the test is skipped, except under {@code CI=true}, where that
 * fails (CI installs them). Nothing is downloaded.
 */
public final class RequiredProgram {

    private RequiredProgram() {}

    /** The first executable candidate; {@code install} says how to get it, {@code neededBy} who needs it. */
    public static Path find(List<String> candidates, String install, String neededBy) {
        for (String candidate : candidates) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String message = "not installed (" + install + "); " + neededBy + " needs it";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " and CI must run it");
        }
        Assumptions.abort(message);
        return null;
    }
}
