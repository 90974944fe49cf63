package io.jwtbridge.login;

import io.jwtbridge.Ids;

/** The stored form of the one-time values of a login (flow id, handle, binding cookie). */
final class Secrets {

    private Secrets() {}

    static String hash(String value) {
        return Ids.sha256(value);
    }

    /** A value shaped like {@link Ids#secret()}: anything else is not looked up at all. */
    static boolean wellFormed(String value) {
        return value != null && value.length() == 43 && value.matches("[A-Za-z0-9_-]+");
    }
}
