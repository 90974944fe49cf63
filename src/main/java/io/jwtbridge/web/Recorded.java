package io.jwtbridge.web;

import java.time.Instant;

/** A change as the admin API reports it in {@code details}: its sequence number, time and owner. */
public interface Recorded {

    long sequence();

    Instant createdAt();

    String resourceOwner();
}
