/**
 * The browser login through a JWT IdP: the authorize entry point, the login flow and its browser binding, the JWT handler the WAF calls, the token checks, the callback, the login and error pages; and {@link io.jwtbridge.login.UpstreamTokens}, the one path from an IdP's JWT to a user that the token endpoint's grants share.
 */
@ApplicationModule(allowedDependencies = {"app", "audit", "idp", "jwks", "settings", "user", "web"})
package io.jwtbridge.login;

import org.springframework.modulith.ApplicationModule;
