/**
 * The append-only audit events: every admin change and login appends one; its number is the {@code details.sequence} of the admin API, and {@code /admin/v1/events/_search} reads them.
 */
@ApplicationModule(allowedDependencies = {"web"})
package io.jwtbridge.audit;

import org.springframework.modulith.ApplicationModule;
