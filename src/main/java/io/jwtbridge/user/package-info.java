/**
 * Users and their links to IdP identities: provisioning at login by the IdP's provider options (find by link, link automatically, register, refresh the profile) and the users admin API.
 */
@ApplicationModule(allowedDependencies = {"audit", "idp", "web"})
package io.jwtbridge.user;

import org.springframework.modulith.ApplicationModule;
