package io.jwtbridge.idp;

import static io.jwtbridge.idp.IdpAdminValidationTests.assertInvalidArgument;
import static io.jwtbridge.idp.IdpAdminValidationTests.validProvider;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.IntegrationTests;
import io.jwtbridge.testsupport.TestHttp;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/** The templates API refuses what the v1 calls refuse, names the field, and writes nothing. */
class IdpTemplatesValidationTests extends IntegrationTests {

    @Autowired
    JdbcClient jdbc;

    static ObjectNode valid() {
        ObjectNode body = validProvider("tv-");
        ObjectNode options = body.putObject("providerOptions");
        options.put("isCreationAllowed", true);
        options.put("isAutoCreation", true);
        options.put("autoLinking", "AUTO_LINKING_OPTION_USERNAME");
        return body;
    }

    /** Counts of IdPs and audit events, which a refused request must leave as they are. */
    String written() {
        return jdbc.sql("select (select count(*) from jwt_idp) || '/' || (select count(*) from audit_event)")
                .query(String.class)
                .single();
    }

    TestHttp.Response refused(Supplier<TestHttp.Response> request) {
        String before = written();
        TestHttp.Response response = request.get();
        assertThat(written()).as("a refused request writes nothing").isEqualTo(before);
        return response;
    }

    TestHttp.Response add(String scope, ObjectNode body) {
        return refused(() -> http.post("/" + scope + "/v1/idps/generic_jwt", body.toString(), adminToken()));
    }

    String existing() {
        TestHttp.Response created = http.post("/admin/v1/idps/generic_jwt", valid().toString(), adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("id").asString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "management"})
    void anUnknownAutoLinkingIsA400NamingTheField(String scope) {
        ObjectNode body = valid();
        ((ObjectNode) body.get("providerOptions")).put("autoLinking", "AUTO_LINKING_OPTION_PHONE");
        TestHttp.Response response = add(scope, body);
        assertInvalidArgument(response, "providerOptions.autoLinking");
        assertThat(response.body()).doesNotContain("AUTO_LINKING_OPTION_PHONE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "issuer", "jwtEndpoint", "keysEndpoint", "headerName"})
    void stringsOver200AreRefusedWithTheFieldNamed(String field) {
        ObjectNode body = valid();
        String prefix = field.endsWith("Endpoint") ? "https://custom.com/" : "";
        body.put(field, prefix + "a".repeat(201 - prefix.length()));
        TestHttp.Response response = add("admin", body);
        assertInvalidArgument(response, "AddJwtProviderRequest." + field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "issuer", "jwtEndpoint", "keysEndpoint"})
    void requiredStringsAreRequired(String field) {
        ObjectNode body = valid();
        body.remove(field);
        assertInvalidArgument(add("management", body), "AddJwtProviderRequest." + field);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/keys",
                "https://10.0.0.8/keys",
                "https://169.254.169.254/latest",
                "http://accounts.custom.com/keys"
            })
    void aPrivateOrPlainKeysEndpointIsRefused(String keysEndpoint) {
        ObjectNode body = valid();
        body.put("keysEndpoint", keysEndpoint);
        TestHttp.Response response = add("admin", body);
        assertInvalidArgument(response, "keysEndpoint");
        assertThat(response.json().get("details").get(0).get("id").asString()).isEqualTo("IDP-InvalidKeysEndpoint");
    }

    @Test
    void wrongTypesAreUnreadableNotA500() {
        ObjectNode body = valid();
        ((ObjectNode) body.get("providerOptions")).put("isAutoCreation", "maybe");
        assertInvalidArgument(add("admin", body), "providerOptions.isAutoCreation");
        assertThat(refused(() -> http.post("/admin/v1/idps/generic_jwt", "{\"name\":", adminToken()))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anUpdateIsCheckedTheSameWayAndWritesNothing() {
        String id = existing();
        ObjectNode unknown = valid();
        ((ObjectNode) unknown.get("providerOptions")).put("autoLinking", "nope");
        assertInvalidArgument(
                refused(() -> http.put("/admin/v1/idps/generic_jwt/" + id, unknown.toString(), adminToken())),
                "providerOptions.autoLinking");
        ObjectNode tooLong = valid();
        tooLong.put("name", "n".repeat(201));
        assertInvalidArgument(
                refused(() -> http.put("/management/v1/idps/generic_jwt/" + id, tooLong.toString(), adminToken())),
                "UpdateJwtProviderRequest.name");
        ObjectNode loopback = valid();
        loopback.put("keysEndpoint", "https://localhost/keys");
        assertInvalidArgument(
                refused(() -> http.put("/admin/v1/idps/generic_jwt/" + id, loopback.toString(), adminToken())),
                "keysEndpoint");
        ObjectNode taken = valid();
        taken.put(
                "name",
                http.get("/v2/idps/" + existing(), adminToken())
                        .json()
                        .get("idp")
                        .get("name")
                        .asString());
        TestHttp.Response conflict =
                refused(() -> http.put("/admin/v1/idps/generic_jwt/" + id, taken.toString(), adminToken()));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("code").asInt()).isEqualTo(6);
    }

    @Test
    void aBadSearchIsA400() {
        TestHttp.Response both = refused(() -> http.post(
                "/admin/v1/idps/templates/_search",
                "{\"queries\":[{\"idpIdQuery\":{\"id\":\"1\"},\"idpNameQuery\":{\"name\":\"x\"}}]}",
                adminToken()));
        assertInvalidArgument(both, "queries");
        assertInvalidArgument(
                http.post("/management/v1/idps/templates/_search", "{\"query\":{\"limit\":1001}}", adminToken()),
                "query.limit");
    }
}
