package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.IntegrationTests;
import io.jwtbridge.JwtIdpBridgeApplication;
import io.jwtbridge.TestDatabase;
import io.jwtbridge.TestHttp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** All state lives in PostgreSQL: a login started on one instance finishes on another. */
class TwoInstancesLoginTests extends LoginIntegrationTests {

    @Test
    void aFlowStartedOnOneInstanceFinishesOnTheOther() {
        int secondPort = IntegrationTests.freePort();
        TestDatabase.Connection db = TestDatabase.connection();
        String second = "http://localhost:" + secondPort;
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(JwtIdpBridgeApplication.class)
                        .profiles("test")
                        .run(
                                "--spring.datasource.url=" + db.url(),
                                "--spring.datasource.username=" + db.username(),
                                "--spring.datasource.password=" + db.password(),
                                "--server.port=" + secondPort,
                                // the public issuer both instances stand behind
                                "--jwtbridge.issuer=" + BASE,
                                "--jwtbridge.outbound.allow-private-networks=true",
                                "--jwtbridge.outbound.allow-http=true");
                SimulatedWaf waf =
                        new SimulatedWaf(second, "x-custom-tkn", user -> List.of(jwt(RSA_KEY, c -> c.subject(user))))) {
            String idpId = createIdp(waf, "x-custom-tkn", true);
            App app = webApp();
            Browser browser = new Browser();
            browser.loggedInAtWaf(waf, "ivan-" + UUID.randomUUID());
            AuthorizeRequest request = authorize(app, idpScope(idpId));

            // Instance 1 starts the flow; the WAF hands the JWT to instance 2.
            List<Browser.Hop> first = browser.follow(request.url(), BASE + "/ui/login/login/jwt/callback");
            assertThat(first.get(0).url()).startsWith(BASE + "/oauth/v2/authorize");
            String callback = first.get(first.size() - 1).location();
            assertThat(callback).startsWith(BASE + "/ui/login/login/jwt/callback");
            // The load balancer sends the callback, and so the resumed authorize request, to instance 2.
            List<Browser.Hop> rest = browser.follow(callback.replace(BASE, second), REDIRECT_URI);
            assertThat(rest).allSatisfy(hop -> assertThat(hop.url()).startsWith(second));
            Map<String, String> answer = appRedirect(rest);
            assertThat(answer).containsKey("code").containsEntry("state", request.state());

            // Instance 1 redeems the code instance 2 issued.
            TestHttp.Response tokens = redeem(app, answer.get("code"), request.verifier());
            assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
            assertThat(new TestHttp(second)
                            .get(
                                    "/oidc/v1/userinfo",
                                    tokens.json().get("access_token").asString())
                            .status())
                    .isEqualTo(200);
        }
    }
}
