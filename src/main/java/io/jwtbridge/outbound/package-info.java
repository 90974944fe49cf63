/**
 * Rules for the bridge's own outbound HTTP (the IdPs' keys endpoints): no loopback, private or link-local addresses and https only, unless configured otherwise; the resolved address is checked at connect time.
 */
@ApplicationModule(allowedDependencies = {})
package io.jwtbridge.outbound;

import org.springframework.modulith.ApplicationModule;
