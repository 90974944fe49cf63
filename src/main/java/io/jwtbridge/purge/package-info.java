/**
 * The scheduled purge of expired authorizations, login flows and sessions: one instance at a time, in batches, counted in {@code jwtbridge.purge.rows}.
 */
@ApplicationModule(allowedDependencies = {})
package io.jwtbridge.purge;

import org.springframework.modulith.ApplicationModule;
