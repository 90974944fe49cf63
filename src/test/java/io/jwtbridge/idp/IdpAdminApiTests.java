package io.jwtbridge.idp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtbridge.testsupport.IntegrationTests;
import io.jwtbridge.testsupport.TestHttp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class IdpAdminApiTests extends IntegrationTests {

    @Autowired
    JdbcClient jdbc;

    static String body(String name) {
        return """
                {"name":"%s","stylingType":"STYLING_TYPE_UNSPECIFIED","jwtEndpoint":"https://custom.com/auth/jwt",\
                "issuer":"https://accounts.custom.com","keysEndpoint":"https://accounts.custom.com/keys",\
                "headerName":"x-auth-token","autoRegister":true}""".formatted(name);
    }

    static String uniqueName() {
        return "idp-" + UUID.randomUUID();
    }

    /** The IdP's state as the API shows it, e.g. {@code IDP_STATE_ACTIVE}. */
    String stateOf(String id) {
        return http.get("/admin/v1/idps/" + id, adminToken())
                .json()
                .get("idp")
                .get("state")
                .asString();
    }

    String create(String name) {
        TestHttp.Response created = http.post("/admin/v1/idps/jwt", body(name), adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("idpId").asString();
    }

    @Test
    void seedExampleBodyCreatesAnIdpThatReadsBackAsZitadelShowsIt() {
        // The seed's exact body; the name must be unique in a shared database, so the seed's
        // "google" is used only when it is free.
        String name = jdbc.sql("select count(*) from jwt_idp where name = 'google'")
                                .query(Long.class)
                                .single()
                        == 0
                ? "google"
                : uniqueName();
        TestHttp.Response created = http.post("/admin/v1/idps/jwt", body(name), adminToken());

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode answer = created.json();
        String id = answer.get("idpId").asString();
        assertThat(id).matches("\\d{10,20}");
        JsonNode details = answer.get("details");
        assertThat(details.get("sequence").isString()).isTrue();
        assertThat(Long.parseLong(details.get("sequence").asString())).isPositive();
        assertThat(Instant.parse(details.get("creationDate").asString()))
                .isBefore(Instant.now().plusSeconds(5));
        assertThat(details.get("resourceOwner").asString()).isNotBlank();

        TestHttp.Response read = http.get("/admin/v1/idps/" + id, adminToken());
        assertThat(read.status()).isEqualTo(200);
        JsonNode idp = read.json().get("idp");
        assertThat(idp.get("id").asString()).isEqualTo(id);
        assertThat(idp.get("state").asString()).isEqualTo("IDP_STATE_ACTIVE");
        assertThat(idp.get("name").asString()).isEqualTo(name);
        assertThat(idp.get("stylingType").asString()).isEqualTo("STYLING_TYPE_UNSPECIFIED");
        assertThat(idp.get("owner").asString()).isEqualTo("IDP_OWNER_TYPE_SYSTEM");
        assertThat(idp.get("autoRegister").asBoolean()).isTrue();
        JsonNode config = idp.get("jwtConfig");
        assertThat(config.get("jwtEndpoint").asString()).isEqualTo("https://custom.com/auth/jwt");
        assertThat(config.get("issuer").asString()).isEqualTo("https://accounts.custom.com");
        assertThat(config.get("keysEndpoint").asString()).isEqualTo("https://accounts.custom.com/keys");
        assertThat(config.get("headerName").asString()).isEqualTo("x-auth-token");
        assertThat(idp.get("details").get("sequence").asString())
                .isEqualTo(details.get("sequence").asString());
        assertThat(idp.get("details").get("resourceOwner").asString())
                .isEqualTo(details.get("resourceOwner").asString());

        long events = jdbc.sql("select count(*) from audit_event where aggregate_id = :id and sequence = :seq "
                        + "and event_type = 'idp.jwt.added'")
                .param("id", id)
                .param("seq", Long.parseLong(details.get("sequence").asString()))
                .query(Long.class)
                .single();
        assertThat(events).isEqualTo(1);
    }

    @Test
    void absentHeaderNameMeansAuthorizationAndAbsentStylingMeansUnspecified() {
        String name = uniqueName();
        TestHttp.Response created = http.post("/admin/v1/idps/jwt", """
                {"name":"%s","jwtEndpoint":"http://waf.internal/jwt","issuer":"iss",\
                "keysEndpoint":"https://keys.example.com/jwks"}""".formatted(name), adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);

        JsonNode idp = http.get("/admin/v1/idps/" + created.json().get("idpId").asString(), adminToken())
                .json()
                .get("idp");
        assertThat(idp.get("jwtConfig").get("headerName").asString()).isEqualTo("Authorization");
        assertThat(idp.get("stylingType").asString()).isEqualTo("STYLING_TYPE_UNSPECIFIED");
        assertThat(idp.get("autoRegister").asBoolean()).isFalse();
    }

    @Test
    void updatesChangeWhatTheySayAndRefuseNoChange() {
        String name = uniqueName();
        String id = create(name);

        TestHttp.Response unchanged = http.put(
                "/admin/v1/idps/" + id,
                "{\"name\":\"%s\",\"stylingType\":\"STYLING_TYPE_UNSPECIFIED\",\"autoRegister\":true}".formatted(name),
                adminToken());
        assertThat(unchanged.status()).isEqualTo(400);
        assertThat(unchanged.json().get("code").asInt()).isEqualTo(9);

        String renamed = uniqueName();
        TestHttp.Response changed = http.put(
                "/admin/v1/idps/" + id,
                "{\"name\":\"%s\",\"stylingType\":\"STYLING_TYPE_GOOGLE\"}".formatted(renamed),
                adminToken());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        JsonNode changeDetails = changed.json().get("details");
        assertThat(changeDetails.has("changeDate")).isTrue();
        assertThat(changeDetails.has("creationDate")).isFalse();

        JsonNode idp = http.get("/admin/v1/idps/" + id, adminToken()).json().get("idp");
        assertThat(idp.get("name").asString()).isEqualTo(renamed);
        assertThat(idp.get("stylingType").asString()).isEqualTo("STYLING_TYPE_GOOGLE");
        assertThat(idp.get("autoRegister").asBoolean())
                .as("PUT bodies are whole: absent means false")
                .isFalse();
        assertThat(idp.get("jwtConfig").get("headerName").asString()).isEqualTo("x-auth-token");

        String config = """
                {"jwtEndpoint":"https://waf.example.com/jwt?tenant=a","issuer":"https://issuer.example.com",\
                "keysEndpoint":"https://issuer.example.com/keys","headerName":"x-custom-tkn"}""";
        TestHttp.Response configChanged = http.put("/admin/v1/idps/" + id + "/jwt_config", config, adminToken());
        assertThat(configChanged.status()).as(configChanged.body()).isEqualTo(200);
        long configSequence = Long.parseLong(
                configChanged.json().get("details").get("sequence").asString());
        assertThat(configSequence)
                .isGreaterThan(Long.parseLong(changeDetails.get("sequence").asString()));

        TestHttp.Response configUnchanged = http.put("/admin/v1/idps/" + id + "/jwt_config", config, adminToken());
        assertThat(configUnchanged.status()).isEqualTo(400);
        assertThat(configUnchanged.json().get("code").asInt()).isEqualTo(9);

        JsonNode jwtConfig =
                http.get("/admin/v1/idps/" + id, adminToken()).json().get("idp").get("jwtConfig");
        assertThat(jwtConfig.get("jwtEndpoint").asString()).isEqualTo("https://waf.example.com/jwt?tenant=a");
        assertThat(jwtConfig.get("issuer").asString()).isEqualTo("https://issuer.example.com");
        assertThat(jwtConfig.get("keysEndpoint").asString()).isEqualTo("https://issuer.example.com/keys");
        assertThat(jwtConfig.get("headerName").asString()).isEqualTo("x-custom-tkn");
    }

    @Test
    void renamingOntoAnotherIdpsNameConflicts() {
        String taken = uniqueName();
        create(taken);
        String id = create(uniqueName());

        TestHttp.Response clash = http.put("/admin/v1/idps/" + id, "{\"name\":\"%s\"}".formatted(taken), adminToken());

        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().get("code").asInt()).isEqualTo(6);
    }

    @Test
    void deactivateReactivateAndDeleteFollowZitadelsStateRules() {
        String id = create(uniqueName());

        TestHttp.Response reactivateActive = http.post("/admin/v1/idps/" + id + "/_reactivate", null, adminToken());
        assertThat(reactivateActive.status()).isEqualTo(400);
        assertThat(reactivateActive.json().get("code").asInt()).isEqualTo(9);

        assertThat(http.post("/admin/v1/idps/" + id + "/_deactivate", null, adminToken())
                        .status())
                .isEqualTo(200);
        assertThat(stateOf(id)).isEqualTo("IDP_STATE_INACTIVE");

        TestHttp.Response deactivateInactive = http.post("/admin/v1/idps/" + id + "/_deactivate", null, adminToken());
        assertThat(deactivateInactive.status()).isEqualTo(400);
        assertThat(deactivateInactive.json().get("code").asInt()).isEqualTo(9);
        assertThat(deactivateInactive.json().get("message").asString()).contains("not active");

        assertThat(http.post("/admin/v1/idps/" + id + "/_reactivate", null, adminToken())
                        .status())
                .isEqualTo(200);
        assertThat(stateOf(id)).isEqualTo("IDP_STATE_ACTIVE");

        TestHttp.Response deleted = http.delete("/admin/v1/idps/" + id, adminToken());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("details").has("sequence")).isTrue();
        assertThat(http.get("/admin/v1/idps/" + id, adminToken()).status()).isEqualTo(404);
        assertThat(http.delete("/admin/v1/idps/" + id, adminToken()).status()).isEqualTo(404);
        assertThat(jdbc.sql("select event_type from audit_event where aggregate_id = :id order by sequence")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .containsExactly("idp.jwt.added", "idp.deactivated", "idp.reactivated", "idp.removed");
    }

    @Test
    void tenParallelCreatesOfOneNameGiveOneIdpAndNineConflicts() throws Exception {
        String name = uniqueName();
        String token = adminToken();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return http.post("/admin/v1/idps/jwt", body(name), token).status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(9);
        assertThat(jdbc.sql("select count(*) from jwt_idp where name = :name")
                        .param("name", name)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event where event_type = 'idp.jwt.added' "
                                + "and payload ->> 'name' = :name")
                        .param("name", name)
                        .query(Long.class)
                        .single())
                .as("refused creates leave no audit event")
                .isEqualTo(1);
    }

    @Test
    void sequencesOfSuccessiveChangesStrictlyIncrease() {
        String id = create(uniqueName());
        long previous = 0;
        for (String action : List.of("_deactivate", "_reactivate", "_deactivate", "_reactivate")) {
            TestHttp.Response response = http.post("/admin/v1/idps/" + id + "/" + action, null, adminToken());
            long sequence = Long.parseLong(
                    response.json().get("details").get("sequence").asString());
            assertThat(sequence).isGreaterThan(previous);
            previous = sequence;
        }
        assertThat(http.get("/admin/v1/idps/" + id, adminToken())
                        .json()
                        .get("idp")
                        .get("details")
                        .get("sequence")
                        .asString())
                .isEqualTo(Long.toString(previous));
    }

    @Test
    void auditEventsCannotBeChangedOrDeleted() {
        create(uniqueName());
        assertThatThrownBy(() ->
                        jdbc.sql("update audit_event set event_type = 'x'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update()).hasMessageContaining("append-only");
    }

    @Test
    void unknownIdsAnswer404InZitadelsShape() {
        for (TestHttp.Response response : new TestHttp.Response[] {
            http.get("/admin/v1/idps/404404404", adminToken()),
            http.put("/admin/v1/idps/404404404", "{\"name\":\"x\"}", adminToken()),
            http.put("/admin/v1/idps/404404404/jwt_config", """
                    {"jwtEndpoint":"https://a.example.com/jwt","issuer":"i","keysEndpoint":"https://a.example.com/k"}""", adminToken()),
            http.post("/admin/v1/idps/404404404/_deactivate", null, adminToken()),
            http.post("/admin/v1/idps/404404404/_reactivate", null, adminToken()),
            http.delete("/admin/v1/idps/404404404", adminToken())
        }) {
            assertThat(response.status()).isEqualTo(404);
            JsonNode error = response.json();
            assertThat(error.get("code").asInt()).isEqualTo(5);
            assertThat(error.get("status").asInt()).isEqualTo(404);
            assertThat(error.get("title").asString()).isEqualTo("Not Found");
            assertThat(error.get("type").asString()).isNotBlank();
            assertThat(error.get("message").asString()).contains("not found");
            assertThat(error.get("details").get(0).get("id").asString()).isEqualTo("IDP-NotFound");
        }
    }

    @Test
    void searchFindsByNameAndIdWithPaging() {
        String prefix = "search-" + UUID.randomUUID() + "-";
        String first = create(prefix + "alpha");
        String second = create(prefix + "beta");
        create(prefix + "gamma");

        TestHttp.Response byPrefix = http.post("/admin/v1/idps/_search", """
                {"query":{"offset":"0","limit":2,"asc":true},"sortingColumn":"IDP_FIELD_NAME_NAME",\
                "queries":[{"idpNameQuery":{"name":"%s","method":"TEXT_QUERY_METHOD_STARTS_WITH"}}]}""".formatted(prefix), adminToken());
        assertThat(byPrefix.status()).as(byPrefix.body()).isEqualTo(200);
        JsonNode answer = byPrefix.json();
        assertThat(answer.get("details").get("totalResult").asString()).isEqualTo("3");
        assertThat(Long.parseLong(answer.get("details").get("processedSequence").asString()))
                .isPositive();
        assertThat(answer.get("result")).hasSize(2);
        assertThat(answer.get("result").get(0).get("id").asString()).isEqualTo(first);
        assertThat(answer.get("result").get(1).get("id").asString()).isEqualTo(second);

        TestHttp.Response secondPage = http.post("/admin/v1/idps/_search", """
                {"query":{"offset":"2","limit":2,"asc":true},"sortingColumn":"IDP_FIELD_NAME_NAME",\
                "queries":[{"idpNameQuery":{"name":"%s","method":"TEXT_QUERY_METHOD_STARTS_WITH"}}]}""".formatted(prefix), adminToken());
        assertThat(secondPage.json().get("result")).hasSize(1);
        assertThat(secondPage.json().get("result").get(0).get("name").asString())
                .isEqualTo(prefix + "gamma");

        TestHttp.Response ignoreCase =
                http.post("/admin/v1/idps/_search", """
                {"queries":[{"idpNameQuery":{"name":"%s","method":"TEXT_QUERY_METHOD_EQUALS_IGNORE_CASE"}}]}""".formatted((prefix + "BETA").toUpperCase()), adminToken());
        assertThat(ignoreCase.json().get("result")).hasSize(1);
        assertThat(ignoreCase.json().get("result").get(0).get("id").asString()).isEqualTo(second);

        TestHttp.Response byId = http.post(
                "/admin/v1/idps/_search",
                "{\"queries\":[{\"idpIdQuery\":{\"id\":\"%s\"}}]}".formatted(first),
                adminToken());
        assertThat(byId.json().get("result")).hasSize(1);
        assertThat(byId.json()
                        .get("result")
                        .get(0)
                        .get("jwtConfig")
                        .get("headerName")
                        .asString())
                .isEqualTo("x-auth-token");

        TestHttp.Response wildcard = http.post(
                "/admin/v1/idps/_search",
                "{\"queries\":[{\"idpNameQuery\":{\"name\":\"%\",\"method\":\"TEXT_QUERY_METHOD_CONTAINS\"}}]}",
                adminToken());
        assertThat(wildcard.status()).isEqualTo(200);
        assertThat(wildcard.json().get("details").get("totalResult").asString())
                .as("%% is a literal, not a wildcard")
                .isEqualTo("0");
    }
}
