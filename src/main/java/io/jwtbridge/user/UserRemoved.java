package io.jwtbridge.user;

/** Published inside the transaction that removes the user, before its row is deleted. */
public record UserRemoved(String userId) {}
