/**
 * Users and their links to IdP identities: provisioning at login (find by link, register, refresh the profile) and the users admin API.
 */
@ApplicationModule(allowedDependencies = {"audit", "web"})
package io.jwtbridge.user;

import org.springframework.modulith.ApplicationModule;
