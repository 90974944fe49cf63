package io.jwtbridge.login;

/**
 * A login through a JWT IdP, stored in PostgreSQL so any instance can continue it.
 *
 * @param authorizeQuery the validated authorize request's query, to resume it after the callback
 * @param clientId the app's client id
 * @param redirectUri where the app gets its code or error
 */
record LoginFlow(
        String id,
        String idpId,
        String authorizeQuery,
        String clientId,
        String redirectUri,
        String state,
        String userId) {}
