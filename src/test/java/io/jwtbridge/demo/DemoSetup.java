package io.jwtbridge.demo;

import io.jwtbridge.BridgeProperties;
import io.jwtbridge.testsupport.TestHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import tools.jackson.databind.JsonNode;

/**
 * At start, creates (or finds) the demo IdP and the demo app through the bridge's own admin API,
 * over HTTP like any admin tool, then prints the one URL to open.
 */
final class DemoSetup implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);
    static final String IDP_NAME = "Demo WAF";
    static final String APP_NAME = "Demo app";

    private final DemoWaf waf;
    private final DemoClientRegistrations registrations;
    private final BridgeProperties properties;

    DemoSetup(DemoWaf waf, DemoClientRegistrations registrations, BridgeProperties properties) {
        this.waf = waf;
        this.registrations = registrations;
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        int port = ((WebServerApplicationContext) event.getApplicationContext())
                .getWebServer()
                .getPort();
        String local = "http://localhost:" + port;
        String issuer = properties.issuerValue();
        waf.bridge(local);
        Environment env = event.getApplicationContext().getEnvironment();
        TestHttp http = new TestHttp(local);
        TestHttp.Response token = http.tokenRequest(
                env.getRequiredProperty("jwtbridge.admin.client-id"),
                env.getRequiredProperty("jwtbridge.admin.client-secret"),
                "grant_type=client_credentials&scope=admin");
        String admin = token.json().get("access_token").asString();

        String idpConfig = """
                "jwtEndpoint":"%s/demo/waf/auth/jwt","issuer":"%s","keysEndpoint":"%s/demo/waf/keys",\
                "headerName":"%s\"""".formatted(issuer, DemoWaf.ISSUER, local, DemoWaf.HEADER);
        String idpId = idByName(http.post("/admin/v1/idps/_search", """
                {"queries":[{"idpNameQuery":{"name":"%s"}}]}""".formatted(IDP_NAME), admin));
        if (idpId == null) {
            idpId = http.post("/admin/v1/idps/jwt", """
                    {"name":"%s","stylingType":"STYLING_TYPE_GOOGLE",%s,"autoRegister":true}""".formatted(IDP_NAME, idpConfig), admin)
                    .json()
                    .get("idpId")
                    .asString();
        } else {
            http.put("/admin/v1/idps/" + idpId + "/jwt_config", "{" + idpConfig + "}", admin);
        }

        String redirectUri = issuer + "/login/oauth2/code/" + DemoClientRegistrations.ID;
        String appConfig = """
                "redirectUris":["%s"],"appType":"OIDC_APP_TYPE_WEB","authMethodType":"OIDC_AUTH_METHOD_TYPE_BASIC",\
                "grantTypes":["OIDC_GRANT_TYPE_AUTHORIZATION_CODE","OIDC_GRANT_TYPE_REFRESH_TOKEN"],\
                "accessTokenType":"OIDC_TOKEN_TYPE_JWT\"""".formatted(redirectUri);
        JsonNode apps = http.post("/admin/v1/apps/_search", """
                {"queries":[{"nameQuery":{"name":"%s"}}]}""".formatted(APP_NAME), admin)
                .json()
                .get("result");
        String clientId;
        String secret;
        if (apps.isEmpty()) {
            JsonNode created = http.post(
                            "/admin/v1/apps/oidc", "{\"name\":\"%s\",%s}".formatted(APP_NAME, appConfig), admin)
                    .json();
            clientId = created.get("clientId").asString();
            secret = created.get("clientSecret").asString();
        } else {
            String appId = apps.get(0).get("id").asString();
            clientId = apps.get(0).get("oidcConfig").get("clientId").asString();
            http.put("/admin/v1/apps/" + appId + "/oidc_config", "{" + appConfig + "}", admin);
            secret = http.post("/admin/v1/apps/" + appId + "/_generate_client_secret", null, admin)
                    .json()
                    .get("clientSecret")
                    .asString();
        }

        registrations.set(ClientRegistration.withRegistrationId(DemoClientRegistrations.ID)
                .clientId(clientId)
                .clientSecret(secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri)
                .scope("openid", "profile", "email", "urn:zitadel:iam:org:idp:id:" + idpId)
                .authorizationUri(issuer + "/oauth/v2/authorize")
                .tokenUri(local + "/oauth/v2/token")
                .jwkSetUri(local + "/oauth/v2/keys")
                .userInfoUri(local + "/oidc/v1/userinfo")
                .userNameAttributeName("sub")
                .issuerUri(issuer)
                .clientName(APP_NAME)
                .build());
        log.info("""

                ==========================================================================
                  JWT IdP bridge demo is ready. Open this URL and watch a whole login:

                      {}{}

                  (app -> bridge -> WAF adds the JWT -> bridge -> callback -> app)
                ==========================================================================
                """, issuer, DemoConfiguration.APP_PATH);
    }

    private static String idByName(TestHttp.Response search) {
        JsonNode result = search.json().get("result");
        return result == null || result.isEmpty()
                ? null
                : result.get(0).get("id").asString();
    }
}
