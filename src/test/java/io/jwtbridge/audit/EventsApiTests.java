package io.jwtbridge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.IntegrationTests;
import io.jwtbridge.testsupport.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** ListEvents: filters, both directions, the sequence cursor and the limit. */
class EventsApiTests extends IntegrationTests {

    String appId;

    @BeforeEach
    void anAppWithThreeEvents() {
        TestHttp.Response created = http.post(
                "/admin/v1/apps/oidc",
                "{\"name\":\"%s\",\"redirectUris\":[\"https://app.example.com/cb\"]}"
                        .formatted("events-" + UUID.randomUUID()),
                adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        appId = created.json().get("appId").asString();
        for (int i = 0; i < 2; i++) {
            assertThat(http.post("/admin/v1/apps/" + appId + "/_generate_client_secret", null, adminToken())
                            .status())
                    .isEqualTo(200);
        }
    }

    JsonNode events(String more) {
        TestHttp.Response found = http.post(
                "/admin/v1/events/_search", "{\"aggregateId\":\"%s\"%s}".formatted(appId, more), adminToken());
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json().get("events");
    }

    static List<Long> sequences(JsonNode events) {
        List<Long> sequences = new ArrayList<>();
        events.forEach(
                event -> sequences.add(Long.parseLong(event.get("sequence").asString())));
        return sequences;
    }

    @Test
    void newestFirstUnlessAscending() {
        List<Long> descending = sequences(events(""));
        List<Long> ascending = sequences(events(",\"asc\":true"));

        assertThat(descending).hasSize(3).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        List<Long> reversed = new ArrayList<>(descending);
        java.util.Collections.reverse(reversed);
        assertThat(ascending).containsExactlyElementsOf(reversed);
    }

    @Test
    void theSequenceIsACursorInTheDirectionAsked() {
        List<Long> all = sequences(events(",\"asc\":true"));

        assertThat(sequences(events(",\"asc\":true,\"sequence\":" + all.get(0))))
                .containsExactly(all.get(1), all.get(2));
        assertThat(sequences(events(",\"sequence\":" + all.get(2)))).containsExactly(all.get(1), all.get(0));
        assertThat(sequences(events(",\"sequence\":0"))).hasSize(3);
    }

    @Test
    void theLimitCutsTheAnswerAndZeroMeansTheDefault() {
        List<Long> all = sequences(events(",\"asc\":true"));

        assertThat(sequences(events(",\"asc\":true,\"limit\":2"))).containsExactly(all.get(0), all.get(1));
        assertThat(sequences(events(",\"limit\":0"))).hasSize(3);
        assertThat(http.post("/admin/v1/events/_search", "{\"limit\":1001}", adminToken())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void typesFilterTheEvents() {
        JsonNode secrets = events(",\"eventTypes\":[\"app.oidc.secret.changed\"]");

        assertThat(secrets).hasSize(2);
        assertThat(secrets.get(0).get("type").get("type").asString()).isEqualTo("app.oidc.secret.changed");
        assertThat(secrets.get(0).get("aggregate").get("id").asString()).isEqualTo(appId);
        assertThat(secrets.get(0).get("aggregate").get("resourceOwner").asString())
                .isNotBlank();
        assertThat(secrets.get(0).get("editor").get("userId").asString()).isEqualTo(ADMIN_CLIENT_ID);
        assertThat(secrets.get(0).get("creationDate").isString()).isTrue();
        assertThat(events(",\"aggregateTypes\":[\"app\"]")).hasSize(3);
        assertThat(events(",\"aggregateTypes\":[\"idp\",\"user\"]")).isEmpty();
    }

    @Test
    void noBodyListsTheNewestEvents() {
        TestHttp.Response found = http.post("/admin/v1/events/_search", null, adminToken());

        assertThat(found.status()).isEqualTo(200);
        assertThat(sequences(found.json().get("events")))
                .isNotEmpty()
                .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }
}
