package io.jwtbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.JwtIdpBridgeApplication;
import io.jwtbridge.TestDatabaseConfiguration;
import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.Ports;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The newcomer's demo, started as {@code ./mvnw spring-boot:test-run} starts it. */
@ExtendWith(OutputCaptureExtension.class)
class DemoTests {

    @Test
    void thePrintedUrlRunsAWholeLoginWithNoTyping(CapturedOutput output) {
        int port = Ports.free();
        String base = "http://localhost:" + port;
        try (var running = SpringApplication.from(JwtIdpBridgeApplication::main)
                .with(TestDatabaseConfiguration.class, DemoConfiguration.class)
                .withAdditionalProfiles("demo")
                // The test run's database already holds keys sealed with the tests' master key.
                .run(
                        "--server.port=" + port,
                        "--jwtbridge.issuer=" + base,
                        "--jwtbridge.master-key=test-master-key-3f9c1d0e8b7a6c5d4e3f2a1b0c9d8e7f")
                .getApplicationContext()) {
            assertThat(output.getOut()).contains(base + "/demo/app");

            List<Browser.Hop> hops = new Browser().follow(base + "/demo/app", "never-stop:");

            Browser.Hop last = hops.get(hops.size() - 1);
            assertThat(last.status()).as(hops.toString()).isEqualTo(200);
            assertThat(last.url()).isEqualTo(base + "/demo/app");
            assertThat(last.body())
                    .contains("Signed in through the JWT IdP bridge")
                    .contains("demo.user")
                    .contains("demo.user@example.com");
            assertThat(hops).anySatisfy(hop -> assertThat(hop.url()).startsWith(base + "/demo/waf/auth/jwt"));
            assertThat(hops).anySatisfy(hop -> assertThat(hop.url()).startsWith(base + "/ui/login/login/jwt/callback"));
        }
    }
}
