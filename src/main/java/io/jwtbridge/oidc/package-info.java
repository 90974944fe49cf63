/**
 * The OpenID Connect provider: Spring Authorization Server at ZITADEL's paths, its stored authorizations (hashed tokens, single-use codes and refresh tokens), ID token and userinfo claims, sessions, the upstream-JWT grants, and the admin client.
 */
@ApplicationModule(allowedDependencies = {"app", "idp", "keys", "login", "settings", "user", "web"})
package io.jwtbridge.oidc;

import org.springframework.modulith.ApplicationModule;
