package io.jwtbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the logins through IdPs made with provider options (docs/admin-api.md): a WAF whose users carry
 * the claims a test gives them, IdPs made through {@code generic_jwt}, and a browser that can
 * answer the account confirmation form.
 */
public abstract class ProviderOptionsLoginTests extends LoginIntegrationTests {

    public static final String CREATE = "{\"isCreationAllowed\":true,\"isAutoCreation\":true,\"isAutoUpdate\":true}";

    @Autowired
    public JdbcClient jdbc;

    public SimulatedWaf waf;
    /** Claims per WAF user (its sub is the user's name at the WAF). */
    public final Map<String, Map<String, Object>> claims = new ConcurrentHashMap<>();

    @BeforeEach
    public void startWaf() {
        waf = new SimulatedWaf(
                BASE,
                "x-custom-tkn",
                user -> List.of(jwt(RSA_KEY, jwt -> {
                    jwt.subject(user);
                    claims.getOrDefault(user, Map.of()).forEach(jwt::claim);
                })));
    }

    @AfterEach
    public void stopWaf() {
        waf.close();
    }

    /** A WAF user with these claims; its sub is returned. */
    public String wafUser(String prefix, Map<String, Object> userClaims) {
        String sub = prefix + "-" + UUID.randomUUID();
        claims.put(sub, userClaims);
        return sub;
    }

    public String createProvider(String options) {
        TestHttp.Response created = http.post(
                "/admin/v1/idps/generic_jwt",
                """
                {"name":"%s","issuer":"%s","jwtEndpoint":"%s","keysEndpoint":"%s","headerName":"x-custom-tkn",\
                "providerOptions":%s}""".formatted("opt-" + UUID.randomUUID(), ISSUER, waf.jwtEndpoint(), KEYS.keysUrl(), options),
                adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("id").asString();
    }

    /** An existing user, registered through an IdP of its own: its bridge user id. */
    public String existingUser(Map<String, Object> userClaims) throws Exception {
        String idp = createProvider(CREATE);
        return loginAndGetSub(waf, wafUser("existing", userClaims), webApp(), idp);
    }

    /** A login in a fresh browser, followed until the app or a page. */
    public record Login(Browser browser, AuthorizeRequest request, List<Browser.Hop> hops) {

        public Browser.Hop last() {
            return hops.get(hops.size() - 1);
        }
    }

    public Login login(String wafUser, App app, String idpId) {
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, wafUser);
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        return new Login(browser, request, browser.follow(request.url(), REDIRECT_URI));
    }

    /** The ID token's sub after a login that ended with a code. */
    public String subOf(App app, Login login) throws Exception {
        Map<String, String> answer = appRedirect(login.hops());
        assertThat(answer).as(login.hops().toString()).containsKey("code");
        TestHttp.Response tokens =
                redeem(app, answer.get("code"), login.request().verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return com.nimbusds.jwt.SignedJWT.parse(tokens.json().get("id_token").asString())
                .getJWTClaimsSet()
                .getSubject();
    }

    /** Why the bridge refused the login of this authorize request (the flow's stored reason). */
    public String refusalReason(AuthorizeRequest request) {
        return jdbc.sql("select error_description from login_flow where state_param = :state")
                .param("state", request.state())
                .query(String.class)
                .single();
    }

    public long usersWithEmail(String email) {
        return jdbc.sql("select count(*) from bridge_user where lower(email) = lower(:email)")
                .param("email", email)
                .query(Long.class)
                .single();
    }

    public long links(String idpId) {
        return jdbc.sql("select count(*) from user_link where idp_id = :idp")
                .param("idp", idpId)
                .query(Long.class)
                .single();
    }

    public static String hidden(String page, String name) {
        Matcher matcher =
                Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(page);
        assertThat(matcher.find()).as("hidden field " + name + " in " + page).isTrue();
        return matcher.group(1);
    }

    /** Submits the confirmation form as the browser does (its cookies, no redirects followed). */
    public static HttpResponse<String> submit(Browser browser, String page, String action) {
        return post(
                browser,
                "authRequestID=" + TestHttp.urlEncode(hidden(page, "authRequestID")) + "&handle="
                        + TestHttp.urlEncode(hidden(page, "handle")) + "&action=" + action);
    }

    public static HttpResponse<String> post(Browser browser, String form) {
        HttpClient client = HttpClient.newBuilder()
                .cookieHandler(browser.cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            return client.send(
                    HttpRequest.newBuilder(URI.create(BASE + "/ui/login/login/jwt/confirm"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
