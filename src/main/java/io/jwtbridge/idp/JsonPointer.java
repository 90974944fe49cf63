package io.jwtbridge.idp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An RFC 6901 JSON Pointer over parsed JSON (maps, lists, strings, numbers, booleans). */
public record JsonPointer(String text, List<String> tokens) {

    public JsonPointer {
        tokens = List.copyOf(tokens);
    }

    /** Parses a pointer: empty, or {@code /} followed by tokens; {@code ~} only as {@code ~0} or {@code ~1}. */
    public static Optional<JsonPointer> parse(String text) {
        if (text == null || text.length() > 200 || (!text.isEmpty() && text.charAt(0) != '/')) {
            return Optional.empty();
        }
        List<String> tokens = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String raw : text.substring(1).split("/", -1)) {
                StringBuilder token = new StringBuilder();
                for (int i = 0; i < raw.length(); i++) {
                    char c = raw.charAt(i);
                    if (c == '~') {
                        char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
                        if (next != '0' && next != '1') {
                            return Optional.empty();
                        }
                        token.append(next == '0' ? '~' : '/');
                        i++;
                    } else {
                        token.append(c);
                    }
                }
                tokens.add(token.toString());
            }
        }
        return Optional.of(new JsonPointer(text, tokens));
    }

    /** The value it points at, or null when absent (or JSON null). */
    public Object find(Object document) {
        Object current = document;
        for (String token : tokens) {
            if (current instanceof Map<?, ?> object) {
                current = object.get(token);
            } else if (current instanceof List<?> array && token.matches("0|[1-9][0-9]{0,8}")) {
                int index = Integer.parseInt(token);
                current = index < array.size() ? array.get(index) : null;
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    @Override
    public String toString() {
        return text;
    }
}
