package io.jwtbridge.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.Stored;
import io.jwtbridge.testsupport.TestHttp;
import io.jwtbridge.testsupport.WafLoginTests;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Authorize requests are bounded in size, and only the parameters OAuth/OIDC define are kept. */
class AuthorizeRequestLimitTests extends WafLoginTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOversizedFormPostIsRefusedWithInvalidRequestAndStoresNoFlow() {
        String query = authorize(app, idpScope(idpId)).url().split("\\?", 2)[1];
        String body = query + "&junk=" + "x".repeat(200_000);

        TestHttp.Response response = http.send(http.request("/oauth/v2/authorize", null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
        assertThat(flowQueries()).isEmpty();
    }

    @Test
    void anOversizedQueryIsRefusedWithInvalidRequest() {
        String url = authorize(app, idpScope(idpId)).url() + "&junk=" + "x".repeat(9_000);

        TestHttp.Response response =
                http.send(http.request(url.substring(BASE.length()), null).GET());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
        assertThat(flowQueries()).isEmpty();
    }

    @Test
    void unknownParametersAreKeptNeitherInTheFlowNorInTheAuthorization() {
        String marker = "marker-" + UUID.randomUUID();
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "olga-" + UUID.randomUUID());

        List<Browser.Hop> hops = browser.follow(request.url() + "&tracking=" + marker, REDIRECT_URI);

        assertThat(appRedirect(hops)).containsKey("code");
        assertThat(flowQueries())
                .hasSize(1)
                .allSatisfy(query -> assertThat(query).contains("nonce").doesNotContain(marker));
        List<String> attributes = Stored.authorizationAttributes(jdbc, app.clientId());
        assertThat(attributes).hasSize(1);
        assertThat(attributes.get(0)).contains(request.state()).doesNotContain(marker);
    }

    private List<String> flowQueries() {
        return jdbc.sql("select authorize_query from login_flow where client_id = :client")
                .param("client", app.clientId())
                .query(String.class)
                .list();
    }
}
