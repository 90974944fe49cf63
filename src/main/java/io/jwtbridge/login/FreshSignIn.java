package io.jwtbridge.login;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;

/**
 * The sign-in the callback made in the current request. The statement that finished its flow
 * checked that the user and the IdP are active, so the resumed authorize request need not read
 * them again.
 */
public final class FreshSignIn {

    private static final String ATTRIBUTE = FreshSignIn.class.getName();

    private FreshSignIn() {}

    static void mark(HttpServletRequest request, Authentication signIn) {
        request.setAttribute(ATTRIBUTE, signIn);
    }

    /** Whether {@code session} is the sign-in the callback made in this request. */
    public static boolean is(HttpServletRequest request, Authentication session) {
        return request.getAttribute(ATTRIBUTE) == session;
    }
}
