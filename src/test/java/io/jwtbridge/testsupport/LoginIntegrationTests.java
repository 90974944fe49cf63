package io.jwtbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jwtbridge.TestDatabaseConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Base of the end-to-end login tests: one bridge whose outbound rules let it fetch keys from this
 * machine (the local keys server), a simulated WAF that signs JWTs, browsers with their own
 * cookies, and apps created through the admin API.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"jwtbridge.outbound.allow-private-networks=true", "jwtbridge.outbound.allow-http=true"})
@Import(TestDatabaseConfiguration.class)
@ActiveProfiles("test")
public abstract class LoginIntegrationTests {

    public static final int PORT = Ports.free();
    public static final String BASE = "http://localhost:" + PORT;
    public static final String ISSUER = "https://waf-issuer.example.com";
    /** Where the WAF's answer sends the browser back to the bridge. */
    public static final String CALLBACK_PATH = "/ui/login/login/jwt/callback";

    public static final String REDIRECT_URI = "http://127.0.0.1:9/app/callback";

    public static final RSAKey RSA_KEY = rsa();
    public static final ECKey EC_KEY = ec();
    public static final KeysServer KEYS = new KeysServer();

    static {
        KEYS.publish(new JWKSet(List.of(RSA_KEY, EC_KEY)));
    }

    public final TestHttp http = new TestHttp(BASE);
    private static String adminToken;

    @DynamicPropertySource
    public static void bridgeProperties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("jwtbridge.issuer", () -> BASE);
    }

    public synchronized String adminToken() {
        if (adminToken == null) {
            TestHttp.Response response = http.tokenRequest(
                    IntegrationTests.ADMIN_CLIENT_ID,
                    IntegrationTests.ADMIN_CLIENT_SECRET,
                    "grant_type=client_credentials&scope=admin");
            assertThat(response.status()).isEqualTo(200);
            adminToken = response.json().get("access_token").asString();
        }
        return adminToken;
    }

    /** A JWT IdP whose JWT endpoint is the given WAF. */
    public String createIdp(SimulatedWaf waf, String headerName, boolean autoRegister) {
        return createIdp(waf.jwtEndpoint(), headerName, autoRegister, "STYLING_TYPE_UNSPECIFIED");
    }

    public String createIdp(String jwtEndpoint, String headerName, boolean autoRegister, String styling) {
        TestHttp.Response created = http.post(
                "/admin/v1/idps/jwt",
                """
                {"name":"%s","stylingType":"%s","jwtEndpoint":"%s","issuer":"%s","keysEndpoint":"%s",\
                "headerName":"%s","autoRegister":%s}""".formatted(
                                "idp-" + UUID.randomUUID(),
                                styling,
                                jwtEndpoint,
                                ISSUER,
                                KEYS.keysUrl(),
                                headerName,
                                autoRegister),
                adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("idpId").asString();
    }

    public record App(String clientId, String clientSecret) {}

    public App createApp(String authMethod, String tokenType) {
        TestHttp.Response created = http.post(
                "/admin/v1/apps/oidc",
                """
                {"name":"%s","redirectUris":["%s"],"appType":"%s","authMethodType":"%s",\
                "grantTypes":["OIDC_GRANT_TYPE_AUTHORIZATION_CODE","OIDC_GRANT_TYPE_REFRESH_TOKEN"],\
                "accessTokenType":"%s"}""".formatted(
                                "app-" + UUID.randomUUID(),
                                REDIRECT_URI,
                                authMethod.endsWith("NONE") ? "OIDC_APP_TYPE_USER_AGENT" : "OIDC_APP_TYPE_WEB",
                                authMethod,
                                tokenType),
                adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode answer = created.json();
        return new App(
                answer.get("clientId").asString(),
                answer.has("clientSecret") ? answer.get("clientSecret").asString() : null);
    }

    public App webApp() {
        return createApp("OIDC_AUTH_METHOD_TYPE_BASIC", "OIDC_TOKEN_TYPE_JWT");
    }

    /** An app's authorize request: PKCE S256, state and nonce. */
    public record AuthorizeRequest(String url, String state, String nonce, String verifier) {}

    public static AuthorizeRequest authorize(App app, String scope) {
        return authorize(app, scope, UUID.randomUUID().toString());
    }

    /**
     * With the given state, and a nonce with a {@code +} (as standard base64 has); every parameter
     * form-encoded, as a browser submits a form.
     */
    public static AuthorizeRequest authorize(App app, String scope, String state) {
        String nonce = "n+" + UUID.randomUUID();
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", app.clientId());
        parameters.put("redirect_uri", REDIRECT_URI);
        parameters.put("scope", scope);
        parameters.put("state", state);
        parameters.put("nonce", nonce);
        parameters.put("code_challenge", challenge(verifier));
        parameters.put("code_challenge_method", "S256");
        String url = BASE + "/oauth/v2/authorize?"
                + parameters.entrySet().stream()
                        .map(p -> p.getKey() + "=" + TestHttp.urlEncode(p.getValue()))
                        .collect(java.util.stream.Collectors.joining("&"));
        return new AuthorizeRequest(url, state, nonce, verifier);
    }

    public static String idpScope(String idpId) {
        return "openid profile email urn:zitadel:iam:org:idp:id:" + idpId;
    }

    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The query parameters of the app's redirect_uri the browser ended at. */
    public static Map<String, String> appRedirect(List<Browser.Hop> hops) {
        Browser.Hop last = hops.get(hops.size() - 1);
        assertThat(last.location()).as("the browser ends at the app: " + hops).startsWith(REDIRECT_URI);
        return UriComponentsBuilder.fromUriString(last.location())
                .build()
                .getQueryParams()
                .toSingleValueMap()
                .entrySet()
                .stream()
                .collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> java.net.URLDecoder.decode(e.getValue(), StandardCharsets.UTF_8)));
    }

    /** A whole login of a user logged in at the WAF, in a fresh browser: the ID token's {@code sub}. */
    public String loginAndGetSub(SimulatedWaf waf, String user, App app, String idpId) throws Exception {
        return SignedJWT.parse(loginAndRedeem(waf, user, app, idpId)
                        .json()
                        .get("id_token")
                        .asString())
                .getJWTClaimsSet()
                .getSubject();
    }

    /** A whole login of a user logged in at the WAF, in a fresh browser: its code redeemed (200). */
    public TestHttp.Response loginAndRedeem(SimulatedWaf waf, String user, App app, String idpId) {
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, user);
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        Map<String, String> answer = appRedirect(browser.follow(request.url(), REDIRECT_URI));
        assertThat(answer).containsKey("code");
        TestHttp.Response tokens = redeem(app, answer.get("code"), request.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens;
    }

    /** A refresh_token grant with client_secret_basic (status not checked). */
    public TestHttp.Response refresh(App app, String refreshToken) {
        return http.tokenRequest(
                app.clientId(),
                app.clientSecret(),
                "grant_type=refresh_token&refresh_token=" + TestHttp.urlEncode(refreshToken));
    }

    public TestHttp.Response redeem(App app, String code, String verifier) {
        String form = "grant_type=authorization_code&code=" + TestHttp.urlEncode(code) + "&redirect_uri="
                + TestHttp.urlEncode(REDIRECT_URI) + "&code_verifier=" + TestHttp.urlEncode(verifier);
        if (app.clientSecret() == null) {
            return http.send(http.request("/oauth/v2/token", null)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            form + "&client_id=" + TestHttp.urlEncode(app.clientId()))));
        }
        return http.tokenRequest(app.clientId(), app.clientSecret(), form);
    }

    /** A JWT as the WAF signs it: iss, sub, exp in 5 minutes, plus the given claims. */
    public static String jwt(JWK key, Consumer<JWTClaimsSet.Builder> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
        claims.accept(builder);
        return sign(key, builder.build());
    }

    public static String sign(JWK key, JWTClaimsSet claims) {
        return Jwts.sign(key, claims);
    }

    private static RSAKey rsa() {
        return Jwts.rsa("waf-rsa-" + UUID.randomUUID());
    }

    private static ECKey ec() {
        return Jwts.ec("waf-ec-" + UUID.randomUUID());
    }
}
