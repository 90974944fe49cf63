package io.jwtbridge.testsupport;

import io.jwtbridge.JwtIdpBridgeApplication;
import io.jwtbridge.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second bridge instance for the tests of state shared through PostgreSQL: the same test database
 * and the same public issuer ({@link LoginIntegrationTests#BASE}) as the first, on its own port.
 */
public final class SecondInstance {

    private SecondInstance() {}

    /** Starts the second instance on {@code port}; the caller closes it. */
    public static ConfigurableApplicationContext start(int port) {
        TestDatabase.Connection db = TestDatabase.connection();
        return new SpringApplicationBuilder(JwtIdpBridgeApplication.class)
                .profiles("test")
                .run(
                        "--spring.datasource.url=" + db.url(),
                        "--spring.datasource.username=" + db.username(),
                        "--spring.datasource.password=" + db.password(),
                        "--server.port=" + port,
                        // the public issuer both instances stand behind
                        "--jwtbridge.issuer=" + LoginIntegrationTests.BASE,
                        "--jwtbridge.outbound.allow-private-networks=true",
                        "--jwtbridge.outbound.allow-http=true");
    }
}
