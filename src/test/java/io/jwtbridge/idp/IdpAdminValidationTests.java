package io.jwtbridge.idp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.IntegrationTests;
import io.jwtbridge.testsupport.TestHttp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Bad input never yields a 500, never writes anything, and names what was wrong. */
class IdpAdminValidationTests extends IntegrationTests {

    @Autowired
    JdbcClient jdbc;

    /**
     * The members of a JWT provider that the v1 calls and the templates API both take, valid; the
     * name starts with {@code namePrefix} and is unique.
     */
    static ObjectNode validProvider(String namePrefix) {
        ObjectNode body = TestHttp.JSON.createObjectNode();
        body.put("name", namePrefix + UUID.randomUUID());
        body.put("jwtEndpoint", "https://custom.com/auth/jwt");
        body.put("issuer", "https://accounts.custom.com");
        body.put("keysEndpoint", "https://accounts.custom.com/keys");
        body.put("headerName", "x-auth-token");
        return body;
    }

    static ObjectNode valid() {
        ObjectNode body = validProvider("v-");
        body.put("stylingType", "STYLING_TYPE_UNSPECIFIED");
        body.put("autoRegister", true);
        return body;
    }

    /** Creates an IdP from {@link #valid()} with {@code field} set to {@code value}. */
    TestHttp.Response createWith(String field, String value) {
        ObjectNode body = valid();
        body.put(field, value);
        return create(body.toString());
    }

    TestHttp.Response create(String json) {
        long before = idpRows();
        TestHttp.Response response = http.post("/admin/v1/idps/jwt", json, adminToken());
        if (response.status() != 200) {
            assertThat(idpRows()).as("a refused create writes nothing").isEqualTo(before);
        }
        return response;
    }

    long idpRows() {
        return jdbc.sql("select count(*) from jwt_idp").query(Long.class).single();
    }

    static void assertInvalidArgument(TestHttp.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode error = response.json();
        assertThat(error.get("code").asInt()).isEqualTo(3);
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("title").asString()).isEqualTo("Bad Request");
        assertThat(error.get("type").asString()).isNotBlank();
        assertThat(error.get("detail").asString()).isNotBlank();
        assertThat(error.get("details").get(0).get("id").asString()).isNotBlank();
        assertThat(error.get("message").asString()).contains(field);
    }

    static Stream<String> requiredFields() {
        return Stream.of("name", "jwtEndpoint", "issuer", "keysEndpoint");
    }

    @ParameterizedTest
    @MethodSource("requiredFields")
    void missingRequiredStringNamesTheField(String field) {
        ObjectNode body = valid();
        body.remove(field);
        assertInvalidArgument(create(body.toString()), field);
    }

    @ParameterizedTest
    @MethodSource("requiredFields")
    void emptyRequiredStringNamesTheField(String field) {
        assertInvalidArgument(createWith(field, ""), field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "jwtEndpoint", "issuer", "keysEndpoint", "headerName", "audience"})
    void over200CharactersNamesTheField(String field) {
        ObjectNode body = valid();
        String value = switch (field) {
            case "jwtEndpoint", "keysEndpoint" -> "https://example.com/" + "a".repeat(181);
            default -> "a".repeat(201);
        };
        assertThat(value).hasSize(201);
        body.put(field, value);
        TestHttp.Response response = create(body.toString());
        assertInvalidArgument(response, field);
        assertThat(response.json().get("message").asString()).contains("between 1 and 200");
    }

    @Test
    void exactly200CharactersAreAccepted() {
        ObjectNode body = valid();
        body.put("name", "n".repeat(164) + UUID.randomUUID());
        body.put("issuer", "i".repeat(200));
        assertThat(create(body.toString()).status()).isEqualTo(200);
    }

    @Test
    void unknownStylingTypeIsRefused() {
        assertInvalidArgument(createWith("stylingType", "STYLING_TYPE_PURPLE"), "stylingType");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("name", "123"),
                Arguments.of("name", "true"),
                Arguments.of("name", "{\"a\":1}"),
                Arguments.of("jwtEndpoint", "[\"https://a.example.com\"]"),
                Arguments.of("autoRegister", "\"yes\""),
                Arguments.of("autoRegister", "1"),
                Arguments.of("stylingType", "1"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void wrongJsonTypesAreRefused(String field, String rawValue) {
        ObjectNode body = valid();
        body.remove(field);
        String json = body.toString().replaceFirst("\\}$", ",\"" + field + "\":" + rawValue + "}");
        assertInvalidArgument(create(json), field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "not json", "{\"name\":\"x\",}", "[]", "{\"name\": \"x\"} trailing", ""})
    void malformedJsonIsRefused(String json) {
        TestHttp.Response response = create(json);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("code").asInt()).isEqualTo(3);
    }

    @Test
    void otherContentTypesAreRefusedWithoutA500() {
        TestHttp.Response response = http.send(http.request("/admin/v1/idps/jwt", adminToken())
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(valid().toString())));
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().get("status").asInt()).isEqualTo(415);
    }

    @Test
    void unknownFieldsAreIgnored() {
        ObjectNode body = valid();
        body.put("providerOptions", "whatever");
        body.put("somethingNew", 42);
        assertThat(create(body.toString()).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/auth/jwt",
                "auth/jwt",
                "ftp://custom.com/jwt",
                "javascript:alert(1)",
                "https://",
                "https:///jwt",
                "https://custom.com/jwt#fragment",
                "mailto:a@b.c",
                " https://custom.com/jwt"
            })
    void jwtEndpointMustBeAnAbsoluteHttpUrl(String url) {
        assertInvalidArgument(createWith("jwtEndpoint", url), "jwtEndpoint");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://waf.internal/jwt",
                "https://10.0.0.1/jwt",
                "http://localhost:8081/jwt?x=1",
                "http://127.0.0.1/auth/jwt"
            })
    void jwtEndpointMayBeAPrivateHostBecauseBrowsersGoThere(String url) {
        assertThat(createWith("jwtEndpoint", url).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://accounts.custom.com/keys",
                "https://127.0.0.1/keys",
                "https://[::1]/keys",
                "https://169.254.169.254/latest/meta-data",
                "https://10.0.0.1/keys",
                "https://0x7f000001/keys",
                "https://2130706433/keys",
                "https://0177.0.0.1/keys",
                "https://127.1/keys",
                "https://192.168.1.10/keys",
                "https://172.16.0.1/keys",
                "https://[fd00::1]/keys",
                "https://[fe80::1]/keys",
                "https://[::ffff:127.0.0.1]/keys",
                "https://[::ffff:a9fe:a9fe]/keys",
                "https://0.0.0.0/keys",
                "https://localhost/keys",
                "https://LOCALHOST:8443/keys",
                "https://user:pw@keys.example.com/keys",
                "/keys",
                "keys.example.com/keys",
                "file:///etc/passwd",
                "ftp://keys.example.com/keys"
            })
    void keysEndpointMustBePublicHttps(String url) {
        assertInvalidArgument(createWith("keysEndpoint", url), "keysEndpoint");
    }

    @Test
    void keysEndpointThatDoesNotResolveYetIsAccepted() {
        assertThat(createWith("keysEndpoint", "https://keys.does-not-resolve.invalid/jwks")
                        .status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x auth", "x-auth:token", "x-auth\ttoken", "Authorization\r\nX-Evil: 1", "ä-header"})
    void headerNameMustBeAHeaderName(String headerName) {
        assertInvalidArgument(createWith("headerName", headerName), "headerName");
    }

    @Test
    void duplicateNameConflicts() {
        ObjectNode body = valid();
        assertThat(create(body.toString()).status()).isEqualTo(200);

        TestHttp.Response again = create(body.toString());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asInt()).isEqualTo(6);
        assertThat(again.json().get("details").get(0).get("id").asString()).isEqualTo("IDP-NameTaken");
    }

    @Test
    void updateValidatesLikeCreate() {
        TestHttp.Response created = create(valid().toString());
        String id = created.json().get("idpId").asString();

        assertInvalidArgument(http.put("/admin/v1/idps/" + id, "{\"name\":\"\"}", adminToken()), "name");
        assertInvalidArgument(
                http.put("/admin/v1/idps/" + id, "{\"name\":\"%s\"}".formatted("x".repeat(201)), adminToken()), "name");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jwtEndpoint", "https://waf.example.com/jwt");
        config.put("issuer", "iss");
        config.put("keysEndpoint", "https://169.254.169.254/keys");
        assertInvalidArgument(
                http.put(
                        "/admin/v1/idps/" + id + "/jwt_config", TestHttp.JSON.writeValueAsString(config), adminToken()),
                "keysEndpoint");
        assertInvalidArgument(
                http.put("/admin/v1/idps/" + id + "/jwt_config", "{\"issuer\":\"iss\"}", adminToken()), "jwtEndpoint");
        JsonNode idp = http.get("/admin/v1/idps/" + id, adminToken()).json().get("idp");
        assertThat(idp.get("jwtConfig").get("keysEndpoint").asString()).isEqualTo("https://accounts.custom.com/keys");
    }

    @Test
    void searchRefusesBadPagingAndAmbiguousQueries() {
        assertInvalidArgument(
                http.post("/admin/v1/idps/_search", "{\"query\":{\"limit\":1001}}", adminToken()), "limit");
        assertInvalidArgument(
                http.post("/admin/v1/idps/_search", "{\"query\":{\"offset\":-1}}", adminToken()), "offset");
        assertInvalidArgument(
                http.post(
                        "/admin/v1/idps/_search",
                        "{\"queries\":[{\"idpIdQuery\":{\"id\":\"1\"},\"idpNameQuery\":{\"name\":\"x\"}}]}",
                        adminToken()),
                "queries");
        assertInvalidArgument(
                http.post(
                        "/admin/v1/idps/_search",
                        "{\"queries\":[{\"idpNameQuery\":{\"name\":\"x\",\"method\":\"TEXT_QUERY_METHOD_REGEX\"}}]}",
                        adminToken()),
                "method");
        assertThat(http.post("/admin/v1/idps/_search", "", adminToken()).status())
                .isEqualTo(200);
        assertThat(http.post("/admin/v1/idps/_search", "{}", adminToken()).status())
                .isEqualTo(200);
    }
}
