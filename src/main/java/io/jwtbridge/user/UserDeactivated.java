package io.jwtbridge.user;

/**
 * Published, inside the transaction that deactivates the user, so that what the user holds elsewhere
 * (the Authorization Server's grants, browser sessions) ends in the same commit.
 */
public record UserDeactivated(String userId) {}
