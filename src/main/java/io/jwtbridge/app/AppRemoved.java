package io.jwtbridge.app;

/**
 * Published inside the transaction that removes the app, before its registered client is deleted,
 * so that its grants end in the same commit.
 *
 * @param registeredClientId the app's registered client (the app's id)
 */
public record AppRemoved(String registeredClientId) {}
