package io.jwtbridge.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * How the admin chain checks a bearer token: the token's issuer (the Authorization Server's
 * package) plugs its check in as a bean, so this package needs none of its types.
 */
@FunctionalInterface
public interface AdminTokens {

    /** The token's authentication, or an exception when it is not a valid, stored admin token. */
    Authentication authenticate(Authentication bearerToken) throws AuthenticationException;
}
