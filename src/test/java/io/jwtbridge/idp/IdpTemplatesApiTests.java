package io.jwtbridge.idp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.IntegrationTests;
import io.jwtbridge.testsupport.TestHttp;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** ZITADEL's IdP templates API and the v2 read (docs/admin-api.md): the same IdPs as the v1 calls. */
class IdpTemplatesApiTests extends IntegrationTests {

    @Autowired
    JdbcClient jdbc;

    static String providerBody(String name, String options) {
        return """
                {"name":"%s","issuer":"https://accounts.custom.com","jwtEndpoint":"https://custom.com/auth/jwt",\
                "keysEndpoint":"https://accounts.custom.com/keys","headerName":"x-auth-token",\
                "providerOptions":%s}""".formatted(name, options);
    }

    static String name() {
        return "tpl-" + UUID.randomUUID();
    }

    String addProvider(String scope, String body) {
        TestHttp.Response created = http.post("/" + scope + "/v1/idps/generic_jwt", body, adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("id").asString();
    }

    JsonNode read(String path) {
        TestHttp.Response response = http.get(path, adminToken());
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json().get("idp");
    }

    long eventSequence(String idpId, String type) {
        return jdbc.sql("select max(sequence) from audit_event where aggregate_id = :id and event_type = :type")
                .param("id", idpId)
                .param("type", type)
                .query(Long.class)
                .single();
    }

    @Test
    void aGenericJwtProviderReadsTheSameThroughEveryView() {
        String name = name();
        TestHttp.Response created = http.post("/admin/v1/idps/generic_jwt", providerBody(name, """
                        {"isLinkingAllowed":true,"isCreationAllowed":true,"isAutoCreation":true,\
                        "isAutoUpdate":false,"autoLinking":"AUTO_LINKING_OPTION_EMAIL"}"""), adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asString();
        JsonNode details = created.json().get("details");
        assertThat(id).matches("\\d{10,20}");
        assertThat(details.get("sequence").isString()).isTrue();
        assertThat(details.get("sequence").asString()).isEqualTo(Long.toString(eventSequence(id, "idp.jwt.added")));
        assertThat(details.has("creationDate")).isTrue();
        assertThat(details.get("resourceOwner").asString()).isNotBlank();

        JsonNode template = read("/admin/v1/idps/templates/" + id);
        assertThat(template.get("id").asString()).isEqualTo(id);
        assertThat(template.get("name").asString()).isEqualTo(name);
        assertThat(template.get("state").asString()).isEqualTo("IDP_STATE_ACTIVE");
        assertThat(template.get("type").asString()).isEqualTo("IDP_TYPE_JWT");
        assertThat(template.get("details").get("sequence").asString())
                .isEqualTo(details.get("sequence").asString());
        JsonNode options = template.get("config").get("options");
        assertThat(options.get("isLinkingAllowed").asBoolean()).isTrue();
        assertThat(options.get("isCreationAllowed").asBoolean()).isTrue();
        assertThat(options.get("isAutoCreation").asBoolean()).isTrue();
        assertThat(options.get("isAutoUpdate").asBoolean()).isFalse();
        assertThat(options.get("autoLinking").asString()).isEqualTo("AUTO_LINKING_OPTION_EMAIL");
        JsonNode jwt = template.get("config").get("jwt");
        assertThat(jwt.get("jwtEndpoint").asString()).isEqualTo("https://custom.com/auth/jwt");
        assertThat(jwt.get("issuer").asString()).isEqualTo("https://accounts.custom.com");
        assertThat(jwt.get("keysEndpoint").asString()).isEqualTo("https://accounts.custom.com/keys");
        assertThat(jwt.get("headerName").asString()).isEqualTo("x-auth-token");

        assertThat(read("/management/v1/idps/templates/" + id)).isEqualTo(template);
        assertThat(read("/v2/idps/" + id)).isEqualTo(template);
        JsonNode v1 = read("/admin/v1/idps/" + id);
        assertThat(v1.get("name").asString()).isEqualTo(name);
        assertThat(v1.get("details")).isEqualTo(template.get("details"));
        assertThat(v1.get("state")).isEqualTo(template.get("state"));
        assertThat(v1.get("jwtConfig")).isEqualTo(jwt);
        assertThat(v1.get("stylingType").asString()).isEqualTo("STYLING_TYPE_UNSPECIFIED");
        assertThat(v1.get("autoRegister").asBoolean())
                .as("creation and auto creation")
                .isTrue();
    }

    @Test
    void managementScopeTakesTheOrgHeaderAndAbsentOptionsAreFalse() {
        TestHttp.Response created = http.send(http.request("/management/v1/idps/generic_jwt", adminToken())
                .header("Content-Type", "application/json")
                .header("x-zitadel-orgid", "123456789")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        providerBody(name(), "{}").replace(",\"providerOptions\":{}", ""))));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asString();

        JsonNode options = read("/v2/idps/" + id).get("config").get("options");
        assertThat(options.get("isLinkingAllowed").asBoolean()).isFalse();
        assertThat(options.get("isCreationAllowed").asBoolean()).isFalse();
        assertThat(options.get("isAutoCreation").asBoolean()).isFalse();
        assertThat(options.get("isAutoUpdate").asBoolean()).isFalse();
        assertThat(options.get("autoLinking").asString()).isEqualTo("AUTO_LINKING_OPTION_UNSPECIFIED");
        assertThat(read("/admin/v1/idps/" + id).get("autoRegister").asBoolean()).isFalse();
    }

    @Test
    void theOldCallAtManagementIsTheAdminCallAndMapsToOptions() {
        String name = name();
        TestHttp.Response created = http.post("/management/v1/idps/jwt", IdpAdminApiTests.body(name), adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("idpId").asString();
        assertThat(created.json().get("details").get("sequence").asString())
                .isEqualTo(Long.toString(eventSequence(id, "idp.jwt.added")));

        JsonNode v1 = read("/admin/v1/idps/" + id);
        assertThat(v1.get("name").asString()).isEqualTo(name);
        assertThat(v1.get("autoRegister").asBoolean()).isTrue();
        JsonNode options = read("/admin/v1/idps/templates/" + id).get("config").get("options");
        assertThat(options.get("isCreationAllowed").asBoolean()).isTrue();
        assertThat(options.get("isAutoCreation").asBoolean()).isTrue();
        assertThat(options.get("isAutoUpdate").asBoolean())
                .as("as the v1 calls always did")
                .isTrue();
        assertThat(options.get("isLinkingAllowed").asBoolean()).isFalse();
        assertThat(options.get("autoLinking").asString()).isEqualTo("AUTO_LINKING_OPTION_UNSPECIFIED");

        assertThat(http.post("/management/v1/idps/jwt", IdpAdminApiTests.body(name), adminToken())
                        .status())
                .as("names stay unique")
                .isEqualTo(409);
    }

    @Test
    void aTemplateUpdateChangesEverythingButKeepsTheStylingAndIsSeenByTheV1Views() {
        TestHttp.Response created = http.post(
                "/admin/v1/idps/jwt",
                IdpAdminApiTests.body(name()).replace("STYLING_TYPE_UNSPECIFIED", "STYLING_TYPE_GOOGLE"),
                adminToken());
        String id = created.json().get("idpId").asString();
        String renamed = name();
        String update =
                providerBody(renamed, """
                        {"isCreationAllowed":true,"isAutoUpdate":true,"isLinkingAllowed":true,\
                        "autoLinking":"AUTO_LINKING_OPTION_USERNAME"}""").replace("https://custom.com/auth/jwt", "https://custom.com/auth/jwt2");

        TestHttp.Response changed = http.put("/management/v1/idps/generic_jwt/" + id, update, adminToken());

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("details").get("sequence").asString())
                .isEqualTo(Long.toString(eventSequence(id, "idp.jwt.provider.changed")));
        assertThat(changed.json().get("details").has("changeDate")).isTrue();
        JsonNode v1 = read("/admin/v1/idps/" + id);
        assertThat(v1.get("name").asString()).isEqualTo(renamed);
        assertThat(v1.get("stylingType").asString()).isEqualTo("STYLING_TYPE_GOOGLE");
        assertThat(v1.get("autoRegister").asBoolean())
                .as("creation without auto creation")
                .isFalse();
        assertThat(v1.get("jwtConfig").get("jwtEndpoint").asString()).isEqualTo("https://custom.com/auth/jwt2");
        JsonNode options = read("/v2/idps/" + id).get("config").get("options");
        assertThat(options.get("isCreationAllowed").asBoolean()).isTrue();
        assertThat(options.get("isAutoCreation").asBoolean()).isFalse();
        assertThat(options.get("autoLinking").asString()).isEqualTo("AUTO_LINKING_OPTION_USERNAME");

        TestHttp.Response same = http.put("/admin/v1/idps/generic_jwt/" + id, update, adminToken());
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.json().get("code").asInt()).isEqualTo(9);
        assertThat(same.json().get("details").get(0).get("id").asString()).isEqualTo("IDP-NoChange");

        // The v1 update turns autoRegister on: creation and auto creation, the rest kept.
        assertThat(http.put("/admin/v1/idps/" + id, """
                                {"name":"%s","stylingType":"STYLING_TYPE_GOOGLE","autoRegister":true}""".formatted(renamed), adminToken())
                        .status())
                .isEqualTo(200);
        JsonNode after = read("/admin/v1/idps/templates/" + id).get("config").get("options");
        assertThat(after.get("isCreationAllowed").asBoolean()).isTrue();
        assertThat(after.get("isAutoCreation").asBoolean()).isTrue();
        assertThat(after.get("isLinkingAllowed").asBoolean()).isTrue();
        assertThat(after.get("autoLinking").asString()).isEqualTo("AUTO_LINKING_OPTION_USERNAME");
        assertThat(http.put("/admin/v1/idps/generic_jwt/9999999999", update, adminToken())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void templatesSearchFindsIdpsOfBothApis() {
        String prefix = "tpl-search-" + UUID.randomUUID() + "-";
        String viaTemplate = addProvider("admin", providerBody(prefix + "a", "{}"));
        TestHttp.Response v1 = http.post("/admin/v1/idps/jwt", IdpAdminApiTests.body(prefix + "b"), adminToken());
        String viaV1 = v1.json().get("idpId").asString();

        TestHttp.Response found =
                http.post("/management/v1/idps/templates/_search", """
                {"query":{"offset":"0","limit":10,"asc":true},\
                "queries":[{"idpNameQuery":{"name":"%s","method":"TEXT_QUERY_METHOD_STARTS_WITH"}}]}""".formatted(prefix), adminToken());

        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().get("details").get("totalResult").asString()).isEqualTo("2");
        JsonNode result = found.json().get("result");
        assertThat(result.get(0).get("id").asString()).isEqualTo(viaTemplate);
        assertThat(result.get(1).get("id").asString()).isEqualTo(viaV1);
        assertThat(result.get(1)).isEqualTo(read("/v2/idps/" + viaV1));
        TestHttp.Response byId = http.post(
                "/admin/v1/idps/templates/_search",
                "{\"queries\":[{\"idpIdQuery\":{\"id\":\"%s\"}}]}".formatted(viaV1),
                adminToken());
        assertThat(byId.json().get("result").size()).isEqualTo(1);
        assertThat(http.post("/admin/v1/idps/templates/_search", null, adminToken())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void deletingThroughTemplatesRemovesTheIdpFromEveryView() {
        String viaTemplate = addProvider("management", providerBody(name(), "{}"));
        String viaV1 = http.post("/admin/v1/idps/jwt", IdpAdminApiTests.body(name()), adminToken())
                .json()
                .get("idpId")
                .asString();

        TestHttp.Response removed = http.delete("/admin/v1/idps/templates/" + viaV1, adminToken());
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("details").get("sequence").asString())
                .isEqualTo(Long.toString(eventSequence(viaV1, "idp.removed")));
        assertThat(http.delete("/management/v1/idps/templates/" + viaTemplate, adminToken())
                        .status())
                .isEqualTo(200);

        for (String id : new String[] {viaTemplate, viaV1}) {
            assertThat(http.get("/admin/v1/idps/" + id, adminToken()).status()).isEqualTo(404);
            TestHttp.Response missing = http.get("/v2/idps/" + id, adminToken());
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().get("code").asInt()).isEqualTo(5);
            assertThat(http.get("/admin/v1/idps/templates/" + id, adminToken()).status())
                    .isEqualTo(404);
        }
        assertThat(http.delete("/admin/v1/idps/templates/" + viaV1, adminToken())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theNewPathsNeedAnAdminToken() {
        String reader = storedTokenWithoutAdminScope();
        String[] gets = {"/v2/idps/1", "/management/v1/idps/templates/1", "/admin/v1/idps/templates/1"};
        for (String path : gets) {
            TestHttp.Response anonymous = http.get(path, null);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.json().get("code").asInt()).isEqualTo(16);
            TestHttp.Response forbidden = http.get(path, reader);
            assertThat(forbidden.status()).as(path).isEqualTo(403);
            assertThat(forbidden.json().get("code").asInt()).isEqualTo(7);
        }
        String[] posts = {
            "/management/v1/idps/generic_jwt", "/management/v1/idps/jwt", "/management/v1/idps/templates/_search"
        };
        long before = jdbc.sql("select count(*) from jwt_idp").query(Long.class).single();
        for (String path : posts) {
            assertThat(http.post(path, providerBody(name(), "{}"), null).status())
                    .as(path)
                    .isEqualTo(401);
            assertThat(http.post(path, providerBody(name(), "{}"), reader).status())
                    .as(path)
                    .isEqualTo(403);
        }
        assertThat(http.delete("/management/v1/idps/templates/1", reader).status())
                .isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from jwt_idp").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void openApiDocumentsEveryNewOperationWithItsSchemas() {
        JsonNode docs = http.get("/v3/api-docs", null).json();
        JsonNode paths = docs.get("paths");
        for (String scope : new String[] {"admin", "management"}) {
            String base = "/" + scope + "/v1/idps/";
            assertThat(paths.get(base + "generic_jwt").get("post").get("requestBody"))
                    .as(base)
                    .isNotNull();
            assertThat(paths.get(base + "generic_jwt/{id}").get("put").get("requestBody"))
                    .isNotNull();
            assertThat(paths.get(base + "templates/{id}").has("get")).isTrue();
            assertThat(paths.get(base + "templates/{id}").has("delete")).isTrue();
            assertThat(paths.get(base + "templates/_search").has("post")).isTrue();
        }
        assertThat(paths.get("/management/v1/idps/jwt").get("post").get("requestBody"))
                .isNotNull();
        assertThat(paths.get("/v2/idps/{id}").get("get").get("responses").get("200"))
                .isNotNull();
        JsonNode schemas = docs.get("components").get("schemas");
        assertThat(schemas.has("AddJwtProviderRequest")).isTrue();
        assertThat(schemas.has("UpdateJwtProviderRequest")).isTrue();
        assertThat(schemas.has("ProviderOptionsBody")).isTrue();
        assertThat(schemas.has("GetProviderResponse")).isTrue();
        assertThat(schemas.has("ListProvidersResponse")).isTrue();
        assertThat(schemas.get("ProviderOptionsBody").get("properties").has("isAutoCreation"))
                .isTrue();
        assertThat(schemas.get("ProviderOptionsBody")
                        .get("properties")
                        .get("autoLinking")
                        .get("enum")
                        .toString())
                .contains("AUTO_LINKING_OPTION_EMAIL");
    }
}
