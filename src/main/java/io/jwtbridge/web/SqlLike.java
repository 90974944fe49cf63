package io.jwtbridge.web;

/** LIKE patterns from user text: backslash is the escape character, {@code %} and {@code _} are literal. */
public final class SqlLike {

    private SqlLike() {}

    public static String escape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
