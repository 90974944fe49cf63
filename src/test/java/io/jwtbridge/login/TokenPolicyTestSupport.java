package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.SimulatedWaf;
import io.jwtbridge.testsupport.TestHttp;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Helpers of the token policy tests: IdPs with a policy, logins through a {@link SimulatedWaf}. */
abstract class TokenPolicyTestSupport extends LoginIntegrationTests {

    static final GatewayKeys GATEWAY_KEYS = new GatewayKeys();

    @Autowired
    JdbcClient jdbc;

    /** An IdP (autoRegister) for the gateway; {@code headerName} and {@code policy} (JSON) may be null. */
    String createIdp(SimulatedWaf gateway, String issuer, String keysEndpoint, String headerName, String policy) {
        String body = "{\"name\":\"idp-" + UUID.randomUUID() + "\",\"jwtEndpoint\":\"" + gateway.jwtEndpoint()
                + "\",\"issuer\":\"" + issuer + "\",\"keysEndpoint\":\"" + keysEndpoint + "\""
                + (headerName == null ? "" : ",\"headerName\":\"" + headerName + "\"")
                + ",\"autoRegister\":true" + (policy == null ? "" : ",\"policy\":" + policy) + "}";
        TestHttp.Response created = http.post("/admin/v1/idps/jwt", body, adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("idpId").asString();
    }

    void setPolicy(String idpId, String policy) {
        TestHttp.Response changed = http.put("/admin/v1/idps/" + idpId + "/policy", policy, adminToken());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    }

    /** A login through the gateway: what the app got, and the request it made. */
    record Login(Map<String, String> answer, AuthorizeRequest request) {

        boolean succeeded() {
            return answer.containsKey("code");
        }

        /** The reason word of a refusal: {@code error_description} up to its colon. */
        String reason() {
            assertThat(answer).containsEntry("error", "access_denied");
            String description = answer.get("error_description");
            return description.contains(":") ? description.substring(0, description.indexOf(':')) : description;
        }
    }

    Login login(SimulatedWaf gateway, String user, App app, String idpId) {
        Browser browser = new Browser();
        browser.loggedInAtWaf(gateway, user);
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        return new Login(appRedirect(browser.follow(request.url(), REDIRECT_URI)), request);
    }

    /** The tokens of a successful login: the ID token's claims, and the whole token answer. */
    TestHttp.Response tokens(App app, Login login) {
        assertThat(login.answer()).as(login.answer().toString()).containsKey("code");
        TestHttp.Response tokens =
                redeem(app, login.answer().get("code"), login.request().verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens;
    }

    static JWTClaimsSet claims(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet();
        } catch (java.text.ParseException ex) {
            throw new AssertionError(ex);
        }
    }

    static String user() {
        return "user-" + UUID.randomUUID();
    }
}
