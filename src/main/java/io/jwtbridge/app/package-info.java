/**
 * OIDC applications: ZITADEL's app model on the Authorization Server's registered clients (grant types, secrets, redirect URIs, allowed IdPs) and the apps admin API.
 */
@ApplicationModule(allowedDependencies = {"audit", "settings", "web"})
package io.jwtbridge.app;

import org.springframework.modulith.ApplicationModule;
