package io.jwtbridge.idp;

import static io.jwtbridge.idp.IdpAdminValidationTests.assertInvalidArgument;
import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.Ids;
import io.jwtbridge.testsupport.IntegrationTests;
import io.jwtbridge.testsupport.TestHttp;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** {@code PUT /admin/v1/idps/{id}/gateway_proof}: whole, validated, audited, the secret write-only. */
class GatewayProofApiTests extends IntegrationTests {

    static final String SECRET = "gw-secret-" + UUID.randomUUID();

    String idpId;

    @BeforeEach
    void createIdp() {
        TestHttp.Response created =
                http.post("/admin/v1/idps/jwt", IdpAdminValidationTests.valid().toString(), adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        idpId = created.json().get("idpId").asString();
    }

    TestHttp.Response put(String json) {
        return http.put("/admin/v1/idps/" + idpId + "/gateway_proof", json, adminToken());
    }

    JsonNode proof() {
        TestHttp.Response read = http.get("/admin/v1/idps/" + idpId, adminToken());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(SECRET).doesNotContain(Ids.sha256(SECRET));
        return read.json().get("idp").get("gatewayProof");
    }

    @Test
    void anIdpAsksNoProofUntilOneIsSet() {
        JsonNode proof = proof();

        assertThat(proof.get("secretSet").asBoolean()).isFalse();
        assertThat(proof.has("headerName")).isFalse();
        assertThat(proof.get("allowedNetworks").isEmpty()).isTrue();
    }

    @Test
    void theProofIsShownWithoutItsSecretAndAudited() {
        TestHttp.Response changed = put("""
                {"headerName":"x-gateway-secret","secret":"%s","allowedNetworks":["10.0.0.0/8","2001:DB8::/32"]}""".formatted(SECRET));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body()).doesNotContain(SECRET);
        String sequence = changed.json().get("details").get("sequence").asString();
        JsonNode proof = proof();
        assertThat(proof.get("headerName").asString()).isEqualTo("x-gateway-secret");
        assertThat(proof.get("secretSet").asBoolean()).isTrue();
        assertThat(proof.get("allowedNetworks").toString()).isEqualTo("[\"10.0.0.0/8\",\"2001:db8::/32\"]");
        assertThat(proof.has("secret")).isFalse();
        assertThat(proof.has("secretHash")).isFalse();
        TestHttp.Response listed = http.post(
                "/admin/v1/idps/_search", "{\"queries\":[{\"idpIdQuery\":{\"id\":\"" + idpId + "\"}}]}", adminToken());
        assertThat(listed.body()).contains("\"secretSet\":true").doesNotContain(SECRET);
        TestHttp.Response events =
                http.post("/admin/v1/events/_search", "{\"aggregateId\":\"" + idpId + "\",\"asc\":true}", adminToken());
        assertThat(events.body())
                .contains("idp.gateway_proof.changed")
                .contains("\"" + sequence + "\"")
                .doesNotContain(SECRET)
                .doesNotContain(Ids.sha256(SECRET));
    }

    @Test
    void aPutIsWholeAndAnEmptyBodyTurnsTheProofOff() {
        assertThat(put("{\"secret\":\"%s\",\"allowedNetworks\":[\"10.0.0.0/8\"]}".formatted(SECRET))
                        .status())
                .isEqualTo(200);
        assertThat(proof().get("headerName").asString())
                .as("the default header")
                .isEqualTo("x-gateway-secret");

        assertThat(put("{\"allowedNetworks\":[\"192.168.0.0/16\"]}").status()).isEqualTo(200);
        assertThat(proof().get("secretSet").asBoolean()).isFalse();

        assertThat(put("{}").status()).isEqualTo(200);
        assertThat(proof().get("allowedNetworks").isEmpty()).isTrue();
        assertThat(put("{\"secret\":\"\",\"allowedNetworks\":[]}").status())
                .as("nothing to change")
                .isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.300/8",
                "10.0.0.1/8",
                "10.0.0.0/33",
                "example.com/8",
                "::1/129",
                "",
                "10.0.0.0/8,11.0.0.0/8"
            })
    void aBadNetworkIsA400NamingItAndChangesNothing(String network) {
        TestHttp.Response refused = put("{\"allowedNetworks\":[\"192.168.0.0/16\",\"%s\"]}".formatted(network));

        assertInvalidArgument(refused, "allowedNetworks[1]");
        assertThat(proof().get("allowedNetworks").isEmpty()).isTrue();
    }

    @Test
    void aShortOrUnprintableSecretIsA400NamingIt() {
        assertInvalidArgument(put("{\"secret\":\"only-15-chars!!\"}"), "secret");
        assertInvalidArgument(put("{\"secret\":\"sixteen chars ok\"}"), "secret");
        assertInvalidArgument(put("{\"secret\":\"%s\"}".formatted("s".repeat(201))), "secret");
        assertThat(put("{\"secret\":\"exactly-16-chars\"}").status()).isEqualTo(200);
    }

    @Test
    void aBadHeaderNameIsA400NamingIt() {
        assertInvalidArgument(put("{\"headerName\":\"x gateway\",\"secret\":\"%s\"}".formatted(SECRET)), "headerName");
        assertInvalidArgument(
                put("{\"headerName\":\"X-AUTH-TOKEN\",\"secret\":\"%s\"}".formatted(SECRET)), "headerName");
        assertInvalidArgument(put("{\"headerName\":\"x-gateway-secret\"}"), "secret");
        assertThat(proof().get("secretSet").asBoolean()).isFalse();
    }

    @Test
    void theJwtHeaderCannotLaterTakeTheProofsHeader() {
        assertThat(put("{\"headerName\":\"x-gateway-secret\",\"secret\":\"%s\"}".formatted(SECRET))
                        .status())
                .isEqualTo(200);
        String clash = """
                {"jwtEndpoint":"https://custom.com/auth/jwt","issuer":"https://accounts.custom.com",
                 "keysEndpoint":"https://accounts.custom.com/keys","headerName":"X-Gateway-Secret"}""";

        assertInvalidArgument(http.put("/admin/v1/idps/" + idpId + "/jwt_config", clash, adminToken()), "headerName");
        String provider = "{\"name\":\"renamed-%s\",\"jwtEndpoint\":\"https://custom.com/auth/jwt\",".formatted(idpId)
                + "\"issuer\":\"https://accounts.custom.com\",\"keysEndpoint\":\"https://accounts.custom.com/keys\","
                + "\"headerName\":\"x-gateway-secret\"}";
        assertInvalidArgument(http.put("/admin/v1/idps/generic_jwt/" + idpId, provider, adminToken()), "headerName");

        JsonNode idp = http.get("/admin/v1/idps/" + idpId, adminToken()).json().get("idp");
        assertThat(idp.get("jwtConfig").get("headerName").asString()).isEqualTo("x-auth-token");
        assertThat(idp.get("name").asString()).doesNotStartWith("renamed-");
    }

    @Test
    void anUnknownIdpIs404() {
        TestHttp.Response unknown = http.put("/admin/v1/idps/1/gateway_proof", "{}", adminToken());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("details").get(0).get("id").asString()).isEqualTo("IDP-NotFound");
        assertThat(http.put("/admin/v1/idps/" + idpId + "/gateway_proof", "{}", null)
                        .status())
                .isEqualTo(401);
    }
}
