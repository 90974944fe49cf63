/**
 * JWT identity providers: their configuration (the admin API at {@code /admin/v1/idps}), rules (unique names, URL safety, state changes) and storage; a change is published as {@link io.jwtbridge.idp.IdpChanged}.
 */
@ApplicationModule(allowedDependencies = {"audit", "outbound", "settings", "web"})
package io.jwtbridge.idp;

import org.springframework.modulith.ApplicationModule;
