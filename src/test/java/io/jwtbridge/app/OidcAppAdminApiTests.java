package io.jwtbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.Events;
import io.jwtbridge.testsupport.IntegrationTests;
import io.jwtbridge.testsupport.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The apps admin API: defaults, rules, search and paging, secrets, removal and their events. */
class OidcAppAdminApiTests extends IntegrationTests {

    String add(String name, String more) {
        TestHttp.Response created = http.post(
                "/admin/v1/apps/oidc",
                "{\"name\":\"%s\",\"redirectUris\":[\"https://app.example.com/cb\"]%s}".formatted(name, more),
                adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("appId").asString();
    }

    JsonNode search(String body) {
        TestHttp.Response found = http.post("/admin/v1/apps/_search", body, adminToken());
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json();
    }

    static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.get("result").forEach(app -> names.add(app.get("name").asString()));
        return names;
    }

    @Test
    void absentSettingsTakeZitadelsDefaultsAndRepeatedUrisCountOnce() {
        String name = "defaults-" + UUID.randomUUID();
        TestHttp.Response created = http.post("/admin/v1/apps/oidc", """
                {"name":"%s","redirectUris":["https://app.example.com/cb","https://app.example.com/cb"]}""".formatted(name), adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("details").get("creationDate").isString()).isTrue();
        assertThat(created.json().get("details").has("changeDate")).isFalse();

        JsonNode app = http.get("/admin/v1/apps/" + created.json().get("appId").asString(), adminToken())
                .json()
                .get("app");
        assertThat(app.get("name").asString()).isEqualTo(name);
        assertThat(app.get("state").asString()).isEqualTo("APP_STATE_ACTIVE");
        JsonNode config = app.get("oidcConfig");
        assertThat(config.get("appType").asString()).isEqualTo("OIDC_APP_TYPE_WEB");
        assertThat(config.get("authMethodType").asString()).isEqualTo("OIDC_AUTH_METHOD_TYPE_BASIC");
        assertThat(config.get("accessTokenType").asString()).isEqualTo("OIDC_TOKEN_TYPE_BEARER");
        assertThat(config.get("grantTypes").toString()).isEqualTo("[\"OIDC_GRANT_TYPE_AUTHORIZATION_CODE\"]");
        assertThat(config.get("responseTypes").toString()).isEqualTo("[\"OIDC_RESPONSE_TYPE_CODE\"]");
        assertThat(config.get("redirectUris").toString()).isEqualTo("[\"https://app.example.com/cb\"]");
        assertThat(config.get("postLogoutRedirectUris").toString()).isEqualTo("[]");
        assertThat(config.get("allowedIdpIds").toString()).isEqualTo("[]");
        assertThat(app.get("details").get("sequence").isString()).isTrue();
    }

    @Test
    void aSecondAppWithTheSameNameIsRefused() {
        String name = "twice-" + UUID.randomUUID();
        add(name, "");

        TestHttp.Response again = http.post(
                "/admin/v1/apps/oidc",
                "{\"name\":\"%s\",\"redirectUris\":[\"https://app.example.com/cb\"]}".formatted(name),
                adminToken());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("details").get(0).get("id").asString()).isEqualTo("APP-NameTaken");
    }

    @Test
    void grantsWithoutTheCodeGrantOrUpstreamGrantsOfAPublicAppAreRefused() {
        TestHttp.Response noCode =
                http.post("/admin/v1/apps/oidc", """
                {"name":"%s","redirectUris":["https://app.example.com/cb"],\
                "grantTypes":["OIDC_GRANT_TYPE_REFRESH_TOKEN"]}""".formatted("g-" + UUID.randomUUID()), adminToken());
        TestHttp.Response publicExchange =
                http.post("/admin/v1/apps/oidc", """
                {"name":"%s","redirectUris":["https://app.example.com/cb"],\
                "authMethodType":"OIDC_AUTH_METHOD_TYPE_NONE",\
                "grantTypes":["OIDC_GRANT_TYPE_AUTHORIZATION_CODE","OIDC_GRANT_TYPE_TOKEN_EXCHANGE"]}""".formatted("g-" + UUID.randomUUID()), adminToken());

        assertThat(noCode.status()).isEqualTo(400);
        assertThat(noCode.json().get("details").get(0).get("id").asString()).isEqualTo("APP-InvalidGrants");
        assertThat(publicExchange.status()).isEqualTo(400);
        assertThat(publicExchange.json().get("message").asString()).contains("public app");
    }

    @Test
    void aRelativePostLogoutUriIsRefusedAndNamesItsField() {
        TestHttp.Response refused =
                http.post("/admin/v1/apps/oidc", """
                {"name":"%s","redirectUris":["https://app.example.com/cb"],\
                "postLogoutRedirectUris":["/bye"]}""".formatted("p-" + UUID.randomUUID()), adminToken());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("details").get(0).get("id").asString()).isEqualTo("APP-InvalidRedirectUri");
        assertThat(refused.json().get("message").asString()).contains("postLogoutRedirectUris");
    }

    @Test
    void searchMatchesPartOfTheNameIgnoringCaseAndPagesNewestFirst() {
        String prefix = "page-" + UUID.randomUUID();
        add(prefix + "-a", "");
        add(prefix + "-b", "");
        add(prefix + "-c", "");
        String byName = "\"queries\":[{\"nameQuery\":{\"name\":\"%s\"}}]".formatted(prefix.toUpperCase());

        JsonNode all = search("{" + byName + "}");
        JsonNode second = search("{" + byName + ",\"query\":{\"offset\":\"1\",\"limit\":1,\"asc\":true}}");
        JsonNode literal = search("{\"queries\":[{\"nameQuery\":{\"name\":\"%s%%\"}}]}".formatted(prefix));

        assertThat(all.get("details").get("totalResult").asString()).isEqualTo("3");
        assertThat(all.get("details").get("processedSequence").isString()).isTrue();
        assertThat(names(all)).containsExactly(prefix + "-c", prefix + "-b", prefix + "-a");
        assertThat(second.get("details").get("totalResult").asString()).isEqualTo("3");
        assertThat(names(second)).containsExactly(prefix + "-b");
        assertThat(literal.get("details").get("totalResult").asString())
                .as("%% is a literal character, not a wildcard")
                .isEqualTo("0");
        assertThat(search("").get("result").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aPublicAppHasNoSecretUntilItBecomesConfidential() {
        TestHttp.Response created =
                http.post("/admin/v1/apps/oidc", """
                {"name":"%s","redirectUris":["https://app.example.com/cb"],\
                "appType":"OIDC_APP_TYPE_USER_AGENT","authMethodType":"OIDC_AUTH_METHOD_TYPE_NONE"}""".formatted("public-" + UUID.randomUUID()), adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().has("clientSecret")).isFalse();
        String appId = created.json().get("appId").asString();

        TestHttp.Response noSecret =
                http.post("/admin/v1/apps/" + appId + "/_generate_client_secret", null, adminToken());
        assertThat(noSecret.status()).isEqualTo(400);
        assertThat(noSecret.json().get("details").get(0).get("id").asString()).isEqualTo("APP-NoSecret");

        TestHttp.Response confidential = http.put("/admin/v1/apps/" + appId + "/oidc_config", """
                {"redirectUris":["https://app.example.com/cb"],"authMethodType":"OIDC_AUTH_METHOD_TYPE_POST"}""", adminToken());
        assertThat(confidential.status()).as(confidential.body()).isEqualTo(200);
        assertThat(confidential.json().get("clientSecret").asString()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(confidential.json().get("details").get("changeDate").isString())
                .isTrue();

        TestHttp.Response stillConfidential = http.put("/admin/v1/apps/" + appId + "/oidc_config", """
                {"redirectUris":["https://app.example.com/cb2"],"authMethodType":"OIDC_AUTH_METHOD_TYPE_POST"}""", adminToken());
        assertThat(stillConfidential.status()).as(stillConfidential.body()).isEqualTo(200);
        assertThat(stillConfidential.json().has("clientSecret"))
                .as("the secret is kept")
                .isFalse();

        JsonNode config = http.get("/admin/v1/apps/" + appId, adminToken())
                .json()
                .get("app")
                .get("oidcConfig");
        assertThat(config.get("authMethodType").asString()).isEqualTo("OIDC_AUTH_METHOD_TYPE_POST");
        assertThat(config.get("appType").asString()).isEqualTo("OIDC_APP_TYPE_WEB");
        assertThat(config.get("redirectUris").toString()).isEqualTo("[\"https://app.example.com/cb2\"]");
    }

    @Test
    void everyChangeIsAnEventAndARemovedAppIsGone() {
        String name = "events-" + UUID.randomUUID();
        String appId = add(name, ",\"allowedIdpIds\":[\"123\"]");
        assertThat(http.put("/admin/v1/apps/" + appId + "/oidc_config", """
                                {"redirectUris":["https://app.example.com/other"]}""", adminToken())
                        .status())
                .isEqualTo(200);
        assertThat(http.post("/admin/v1/apps/" + appId + "/_generate_client_secret", null, adminToken())
                        .status())
                .isEqualTo(200);

        TestHttp.Response removed = http.delete("/admin/v1/apps/" + appId, adminToken());

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().has("clientSecret")).isFalse();
        assertThat(http.get("/admin/v1/apps/" + appId, adminToken()).status()).isEqualTo(404);
        assertThat(http.delete("/admin/v1/apps/" + appId, adminToken()).status())
                .isEqualTo(404);
        JsonNode events = Events.of(http, adminToken(), appId);
        List<String> types = Events.types(events);
        assertThat(types)
                .containsExactly("app.oidc.added", "app.oidc.config.changed", "app.oidc.secret.changed", "app.removed");
        JsonNode added = events.get(0).get("payload");
        assertThat(added.get("name").asString()).isEqualTo(name);
        assertThat(added.get("clientId").asString()).isNotBlank();
        assertThat(added.get("appType").asString()).isEqualTo("OIDC_APP_TYPE_WEB");
        assertThat(added.get("authMethodType").asString()).isEqualTo("OIDC_AUTH_METHOD_TYPE_BASIC");
        assertThat(added.get("accessTokenType").asString()).isEqualTo("OIDC_TOKEN_TYPE_BEARER");
        assertThat(added.get("grantTypes").toString()).isEqualTo("[\"OIDC_GRANT_TYPE_AUTHORIZATION_CODE\"]");
        assertThat(added.get("redirectUris").toString()).isEqualTo("[\"https://app.example.com/cb\"]");
        assertThat(added.get("allowedIdpIds").toString()).isEqualTo("[\"123\"]");
        assertThat(added.toString()).doesNotContain("secret");
        JsonNode changed = events.get(1).get("payload");
        assertThat(changed.get("name").asString()).isEqualTo(name);
        assertThat(changed.get("clientId").asString())
                .isEqualTo(added.get("clientId").asString());
        assertThat(changed.get("redirectUris").toString()).isEqualTo("[\"https://app.example.com/other\"]");
        assertThat(changed.get("allowedIdpIds").toString()).isEqualTo("[]");
        assertThat(events.get(2).get("payload").toString()).isEqualTo("{}");
        assertThat(events.get(3).get("payload").toString()).isEqualTo("{}");
        assertThat(events.get(3).get("aggregate").get("type").asString()).isEqualTo("app");
    }

    @Test
    void anUnknownAppIsNotFound() {
        TestHttp.Response missing = http.get("/admin/v1/apps/404404404", adminToken());

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("details").get(0).get("id").asString()).isEqualTo("APP-NotFound");
        assertThat(http.post("/admin/v1/apps/404404404/_generate_client_secret", null, adminToken())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anAppReadsBackInZitadelsShapeWithoutItsSecretAndIsRemovedWhole() {
        TestHttp.Response created =
                http.post("/admin/v1/apps/oidc", """
                {"name":"%s","redirectUris":["https://app.example.com/cb"],"appType":"OIDC_APP_TYPE_WEB",\
                "authMethodType":"OIDC_AUTH_METHOD_TYPE_BASIC","grantTypes":["OIDC_GRANT_TYPE_AUTHORIZATION_CODE"],\
                "accessTokenType":"OIDC_TOKEN_TYPE_BEARER"}""".formatted("app-" + UUID.randomUUID()), adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode answer = created.json();
        String appId = answer.get("appId").asString();
        String secret = answer.get("clientSecret").asString();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);

        JsonNode app = http.get("/admin/v1/apps/" + appId, adminToken()).json().get("app");
        assertThat(app.toString()).doesNotContain(secret);
        assertThat(app.get("oidcConfig").get("clientId").asString())
                .isEqualTo(answer.get("clientId").asString());
        assertThat(app.get("oidcConfig").get("authMethodType").asString()).isEqualTo("OIDC_AUTH_METHOD_TYPE_BASIC");
        assertThat(app.get("oidcConfig").get("accessTokenType").asString()).isEqualTo("OIDC_TOKEN_TYPE_BEARER");

        TestHttp.Response regenerated =
                http.post("/admin/v1/apps/" + appId + "/_generate_client_secret", null, adminToken());
        assertThat(regenerated.status()).isEqualTo(200);
        assertThat(regenerated.json().get("clientSecret").asString()).isNotEqualTo(secret);

        TestHttp.Response unchanged = http.put("/admin/v1/apps/" + appId + "/oidc_config", """
                {"redirectUris":["https://app.example.com/cb"],"appType":"OIDC_APP_TYPE_WEB",\
                "authMethodType":"OIDC_AUTH_METHOD_TYPE_BASIC","grantTypes":["OIDC_GRANT_TYPE_AUTHORIZATION_CODE"],\
                "accessTokenType":"OIDC_TOKEN_TYPE_BEARER"}""", adminToken());
        assertThat(unchanged.status()).isEqualTo(400);
        assertThat(unchanged.json().get("code").asInt()).isEqualTo(9);

        assertThat(http.delete("/admin/v1/apps/" + appId, adminToken()).status())
                .isEqualTo(200);
        assertThat(http.get("/admin/v1/apps/" + appId, adminToken()).status()).isEqualTo(404);
    }

    @Test
    void badRedirectUrisAndUnknownEnumsAreRefusedNamingTheField() {
        assertThat(http.post("/admin/v1/apps/oidc", "{\"name\":\"x\"}", adminToken())
                        .json()
                        .get("message")
                        .asString())
                .as("the settings sit beside the name: the field is named as sent")
                .startsWith("invalid AddOidcAppRequest.redirectUris: ");
        assertThat(http.post("/admin/v1/apps/oidc", """
                {"name":"x","redirectUris":["/relative"]}""", adminToken()).status()).isEqualTo(400);
        assertThat(http.post("/admin/v1/apps/oidc", """
                {"name":"x","redirectUris":[]}""", adminToken()).status()).isEqualTo(400);
        for (String uri : List.of(
                "https://a.example.com/cb,https://b.example.com/cb",
                "https://a.example.com/callbäck",
                "https://a.example.com/cb#fragment",
                "https://a.example.com/cb?a[]=1")) {
            TestHttp.Response refused = http.post(
                    "/admin/v1/apps/oidc", "{\"name\":\"x\",\"redirectUris\":[\"%s\"]}".formatted(uri), adminToken());
            assertThat(refused.status()).as(uri).isEqualTo(400);
            assertThat(refused.json().get("message").asString()).contains("redirectUris");
        }
        assertThat(http.post("/admin/v1/apps/oidc", """
                {"name":"x","redirectUris":["https://a.example.com/cb"],"authMethodType":"OIDC_AUTH_METHOD_TYPE_X"}""", adminToken()).status()).isEqualTo(400);
    }

    @Test
    void twentyLongRedirectUrisFit() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add("\"https://app.example.com/" + "p".repeat(900) + "/" + i + "\"");
        }
        TestHttp.Response longUris = http.post(
                "/admin/v1/apps/oidc",
                "{\"name\":\"long-%s\",\"redirectUris\":[%s]}".formatted(UUID.randomUUID(), String.join(",", many)),
                adminToken());
        assertThat(longUris.status()).as("twenty long redirect URIs fit").isEqualTo(200);
    }

    @Test
    void allowedIdpIdsMustBeIds() {
        for (String bad : List.of("\",\"", "\"1,2\"", "\"\"")) {
            TestHttp.Response refused = http.post(
                    "/admin/v1/apps/oidc",
                    "{\"name\":\"x\",\"redirectUris\":[\"https://a.example.com/cb\"],\"allowedIdpIds\":[%s]}"
                            .formatted(bad),
                    adminToken());

            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("message").asString()).contains("allowedIdpIds");
        }
    }
}
