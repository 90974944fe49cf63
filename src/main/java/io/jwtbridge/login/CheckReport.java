package io.jwtbridge.login;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of each check a token went through, for the explain endpoint (docs/admin-api.md#explain-a-token).
 * A login uses {@link #OFF}, which records nothing. Details never hold the token.
 */
public final class CheckReport {

    static final List<String> CHECKS = List.of(
            "source",
            "parse",
            "algorithm",
            "key",
            "signature",
            "issuer",
            "audience",
            "expiry",
            "not_before",
            "max_age",
            "jti",
            "signer",
            "required_claims",
            "subject");

    static final CheckReport OFF = new CheckReport(false);

    /** One check: PASS, FAIL or SKIPPED, with a sentence. */
    public record Check(String check, String result, String detail) {}

    private final boolean on;
    private final Map<String, Check> results = new LinkedHashMap<>();

    private CheckReport(boolean on) {
        this.on = on;
    }

    static CheckReport on() {
        return new CheckReport(true);
    }

    boolean isOn() {
        return on;
    }

    void pass(String check, String detail) {
        if (on && !results.containsKey(check)) {
            results.put(check, new Check(check, "PASS", detail));
        }
    }

    /** The first failure of a check wins over a later pass or failure. */
    void fail(String check, String detail) {
        if (on
                && (!results.containsKey(check)
                        || !"FAIL".equals(results.get(check).result()))) {
            results.put(check, new Check(check, "FAIL", detail));
        }
    }

    void skip(String check, String detail) {
        if (on && !results.containsKey(check)) {
            results.put(check, new Check(check, "SKIPPED", detail));
        }
    }

    /** Every check in its order; one not reached is SKIPPED. */
    public List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        for (String check : CHECKS) {
            checks.add(results.getOrDefault(check, new Check(check, "SKIPPED", "not reached")));
        }
        return checks;
    }
}
