/**
 * The bridge's own signing keys: generated, encrypted at rest with the master key, shared by all instances through PostgreSQL, rotated, published at {@code /oauth/v2/keys}.
 */
@ApplicationModule(allowedDependencies = {})
package io.jwtbridge.keys;

import org.springframework.modulith.ApplicationModule;
