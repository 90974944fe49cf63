package io.jwtbridge.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.IntegrationTests;
import io.jwtbridge.testsupport.TestHttp;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Searching users and listing a user's links: the queries, the order and the paging. */
class UserSearchApiTests extends IntegrationTests {

    @Autowired
    JdbcClient jdbc;

    String email;
    List<String> userIds = new ArrayList<>();
    List<String> idpIds = new ArrayList<>();

    @BeforeEach
    void threeUsersWithOneEmailAndTheFirstWithThreeLinks() {
        email = "shared-" + UUID.randomUUID() + "@example.com";
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            jdbc.sql("""
                            insert into bridge_user (id, state, user_name, email, created_at, changed_at, sequence)
                            values (:id, 'USER_STATE_ACTIVE', :name, :email, :at, :at, 1)
                            """)
                    .param("id", id)
                    .param("name", "user-" + id)
                    .param("email", email)
                    .param("at", Timestamp.from(at.plusSeconds(i)))
                    .update();
            userIds.add(id);
            TestHttp.Response idp = http.post("/admin/v1/idps/jwt", """
                    {"name":"links-%s","jwtEndpoint":"https://custom.com/auth/jwt",\
                    "issuer":"https://accounts.custom.com","keysEndpoint":"https://accounts.custom.com/keys",\
                    "headerName":"x-auth-token"}""".formatted(UUID.randomUUID()), adminToken());
            assertThat(idp.status()).as(idp.body()).isEqualTo(200);
            idpIds.add(idp.json().get("idpId").asString());
            jdbc.sql("""
                            insert into user_link (idp_id, external_user_id, user_id, provided_user_name, created_at,
                                sequence)
                            values (:idp, :external, :user, :name, :at, 1)
                            """)
                    .param("idp", idpIds.get(i))
                    .param("external", "sub-" + i)
                    .param("user", userIds.get(0))
                    .param("name", "name-" + i)
                    .param("at", Timestamp.from(at.plusSeconds(i)))
                    .update();
        }
    }

    JsonNode post(String path, String body) {
        TestHttp.Response found = http.post(path, body, adminToken());
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json();
    }

    static List<String> ids(JsonNode list, String field) {
        List<String> ids = new ArrayList<>();
        list.get("result").forEach(item -> ids.add(item.get(field).asString()));
        return ids;
    }

    @Test
    void anEmailQueryIgnoresCaseAndListsNewestFirst() {
        JsonNode found = post(
                "/admin/v1/users/_search",
                "{\"queries\":[{\"emailQuery\":{\"emailAddress\":\"%s\"}}]}".formatted(email.toUpperCase()));

        assertThat(found.get("details").get("totalResult").asString()).isEqualTo("3");
        assertThat(ids(found, "id")).containsExactly(userIds.get(2), userIds.get(1), userIds.get(0));
    }

    @Test
    void offsetLimitAndAscPageTheUsers() {
        JsonNode page = post(
                "/admin/v1/users/_search",
                "{\"query\":{\"offset\":\"1\",\"limit\":1,\"asc\":true},\"queries\":[{\"emailQuery\":{\"emailAddress\":\"%s\"}}]}"
                        .formatted(email));

        assertThat(page.get("details").get("totalResult").asString()).isEqualTo("3");
        assertThat(ids(page, "id")).containsExactly(userIds.get(1));
    }

    @Test
    void aUserNameQueryMatchesExactlyAndBothQueriesMustHold() {
        String name = "user-" + userIds.get(1);

        assertThat(ids(
                        post(
                                "/admin/v1/users/_search",
                                "{\"queries\":[{\"userNameQuery\":{\"userName\":\"%s\"}}]}".formatted(name)),
                        "id"))
                .containsExactly(userIds.get(1));
        assertThat(post(
                                "/admin/v1/users/_search",
                                "{\"queries\":[{\"userNameQuery\":{\"userName\":\"%s\"}}]}"
                                        .formatted(name.toUpperCase()))
                        .get("details")
                        .get("totalResult")
                        .asString())
                .isEqualTo("0");
        assertThat(post(
                                "/admin/v1/users/_search",
                                "{\"queries\":[{\"userNameQuery\":{\"userName\":\"%s\"}},{\"emailQuery\":{\"emailAddress\":\"other@example.com\"}}]}"
                                        .formatted(name))
                        .get("details")
                        .get("totalResult")
                        .asString())
                .isEqualTo("0");
    }

    @Test
    void linksAreListedNewestFirstAndPaged() {
        String path = "/admin/v1/users/" + userIds.get(0) + "/links/_search";

        JsonNode all = post(path, null);
        JsonNode page = post(path, "{\"query\":{\"offset\":\"1\",\"limit\":1,\"asc\":true}}");

        assertThat(all.get("details").get("totalResult").asString()).isEqualTo("3");
        assertThat(ids(all, "idpId")).containsExactly(idpIds.get(2), idpIds.get(1), idpIds.get(0));
        assertThat(all.get("result").get(0).get("externalUserId").asString()).isEqualTo("sub-2");
        assertThat(all.get("result").get(0).get("providedUserName").asString()).isEqualTo("name-2");
        assertThat(page.get("details").get("totalResult").asString()).isEqualTo("3");
        assertThat(ids(page, "idpId")).containsExactly(idpIds.get(1));
        assertThat(http.post("/admin/v1/users/unknown/links/_search", null, adminToken())
                        .status())
                .isEqualTo(404);
    }
}
