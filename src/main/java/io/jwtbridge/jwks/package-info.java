/**
 * Fetching and caching each IdP's keys: TTL, refresh ahead, rate-limited refetch on an unknown {@code kid}, stale keys through an outage, size and time limits, metrics.
 */
@ApplicationModule(allowedDependencies = {"idp", "outbound"})
package io.jwtbridge.jwks;

import org.springframework.modulith.ApplicationModule;
