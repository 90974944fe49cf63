/**
 * Cross-cutting web concerns of the admin API: the ZITADEL-shaped problem bodies, paging, {@code details}, the admin security chain (its token check plugged in by the Authorization Server as an {@link io.jwtbridge.web.AdminTokens} bean), trusted proxies, the default chain.
 */
@ApplicationModule(allowedDependencies = {})
package io.jwtbridge.web;

import org.springframework.modulith.ApplicationModule;
