package io.jwtbridge.idp;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The durations of a token policy, as the admin API reads them. */
final class PolicyDurations {

    private static final Pattern DURATION = Pattern.compile("^(\\d{1,9})(ms|s|m|h|d)$");

    private PolicyDurations() {}

    /** {@code 60s}, {@code 500ms}, {@code 10m}, {@code 1h}, {@code 1d}, or ISO-8601 ({@code PT1M}). */
    static Duration parse(String field, String text) {
        Matcher simple = DURATION.matcher(text.strip());
        try {
            Duration duration;
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                duration = switch (simple.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } else {
                duration = Duration.parse(text.strip());
            }
            if (duration.isNegative()) {
                throw TokenPolicyRules.invalid(field, "must not be negative");
            }
            return duration;
        } catch (DateTimeParseException | ArithmeticException ex) {
            throw TokenPolicyRules.invalid(field, "not a duration (such as 60s, 10m, 1h)");
        }
    }
}
