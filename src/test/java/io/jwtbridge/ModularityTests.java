package io.jwtbridge;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The packages' boundaries (docs/architecture.md): no cycle between them, and each reaches only the
 * packages its {@code package-info.java} allows. A new import across a forbidden direction fails
 * here.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(JwtIdpBridgeApplication.class);

    @Test
    void packagesDependOnlyInTheAllowedDirectionsAndFormNoCycle() {
        MODULES.verify();
    }
}
