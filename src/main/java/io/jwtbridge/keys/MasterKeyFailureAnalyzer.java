package io.jwtbridge.keys;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing or wrong master key into a plain start-up message instead of a stack trace. */
class MasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<IllegalStateException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IllegalStateException cause) {
        if (cause instanceof MasterKeyCipher.MissingMasterKeyException) {
            return new FailureAnalysis(
                    cause.getMessage(),
                    "Set jwtbridge.master-key (environment variable JWTBRIDGE_MASTER_KEY) to a long random secret, "
                            + "for example the output of: openssl rand -base64 48",
                    cause);
        }
        if (cause instanceof MasterKeyCipher.WrongMasterKeyException) {
            return new FailureAnalysis(
                    cause.getMessage(),
                    "Start the bridge with the jwtbridge.master-key its database was first used with.",
                    cause);
        }
        return null;
    }
}
