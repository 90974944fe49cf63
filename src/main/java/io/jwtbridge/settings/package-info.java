/**
 * The settings cache: IdPs and clients read on every login hop, kept in memory and dropped on every instance when any of them changes (PostgreSQL LISTEN/NOTIFY).
 */
@ApplicationModule(allowedDependencies = {})
package io.jwtbridge.settings;

import org.springframework.modulith.ApplicationModule;
