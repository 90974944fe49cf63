package io.jwtbridge.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin calls a load run makes before it starts: a token, a JWT IdP for the WAF, an app. */
final class AdminApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final String bridge;
    private final String token;

    /** The run's IdP and app, as the logins need them. */
    record Setup(String idpId, String clientId, String clientSecret) {

        /** One login runner per bridge (a login stays on its bridge). */
        List<LoginRun> runs(HttpClient http, List<String> bridges, String issuer, LoadWaf waf) {
            return bridges.stream()
                    .map(bridge -> new LoginRun(
                            http, bridge, issuer, clientId, clientSecret, idpId, waf.jwtEndpoint()))
                    .toList();
        }
    }

    AdminApi(HttpClient http, String bridge, String clientId, String secret) throws Exception {
        this.http = http;
        this.bridge = bridge;
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(bridge + "/oauth/v2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=admin"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("admin token refused: HTTP " + response.statusCode());
        }
        this.token = JSON.readTree(response.body()).get("access_token").asString();
    }

    /** A JWT IdP on {@code waf} that registers new users, and a confidential web app. */
    Setup setUp(LoadWaf waf, String runId) throws IOException, InterruptedException {
        String idpId = post("/admin/v1/idps/jwt", Map.of(
                        "name", "load-" + runId,
                        "jwtEndpoint", waf.jwtEndpoint(),
                        "issuer", LoadWaf.ISSUER,
                        "keysEndpoint", waf.keysEndpoint(),
                        "headerName", LoadWaf.HEADER,
                        "autoRegister", true))
                .get("idpId")
                .asString();
        JsonNode app = post("/admin/v1/apps/oidc", Map.of(
                "name", "load-app-" + runId,
                "redirectUris", List.of(LoginRun.redirectUri()),
                "appType", "OIDC_APP_TYPE_WEB",
                "authMethodType", "OIDC_AUTH_METHOD_TYPE_BASIC",
                "grantTypes", List.of("OIDC_GRANT_TYPE_AUTHORIZATION_CODE"),
                "accessTokenType", "OIDC_TOKEN_TYPE_BEARER"));
        return new Setup(idpId, app.get("clientId").asString(), app.get("clientSecret").asString());
    }

    private JsonNode post(String path, Map<String, ?> body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(bridge + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
