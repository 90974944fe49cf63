package io.jwtbridge.login;

import java.util.List;
import java.util.function.Function;

/** Where a token comes from: given as such, or a request whose headers and cookies the IdP's token sources name. */
public sealed interface TokenInput {

    /**
     * The token as given (a grant's {@code subject_token} or {@code assertion}, the explain endpoint's
     * {@code jwt}): one value, a {@code Bearer } prefix stripped; none or several are refused.
     */
    record Given(List<String> values) implements TokenInput {}

    /** A request: the values of a header, and of a cookie, by name. */
    record Request(Function<String, List<String>> headers, Function<String, List<String>> cookies)
            implements TokenInput {}
}
