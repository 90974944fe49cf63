package io.jwtbridge.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.ProviderOptionsLoginTests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** isLinkingAllowed with autoLinking at a real login: to whom, when not, and under concurrency. */
class AutoLinkingLoginTests extends ProviderOptionsLoginTests {

    static final String BY_USERNAME = "{\"isLinkingAllowed\":true,\"autoLinking\":\"AUTO_LINKING_OPTION_USERNAME\"}";
    static final String BY_EMAIL = "{\"isLinkingAllowed\":true,\"autoLinking\":\"AUTO_LINKING_OPTION_EMAIL\"}";
    static final String BY_EMAIL_OR_CREATE = "{\"isLinkingAllowed\":true,\"autoLinking\":\"AUTO_LINKING_OPTION_EMAIL\","
            + "\"isCreationAllowed\":true,\"isAutoCreation\":true}";

    static String unique(String what) {
        return what + "-" + UUID.randomUUID();
    }

    long linkEvents(String idpId) {
        return jdbc.sql("select count(*) from audit_event where event_type = 'user.idp.linked'"
                        + " and payload ->> 'idpId' = :idp")
                .param("idp", idpId)
                .query(Long.class)
                .single();
    }

    @Test
    void linksToTheOneUserWithTheTokensUserNameAndRecordsBothSides() throws Exception {
        String name = unique("Frank");
        String existing = existingUser(Map.of("preferred_username", name));
        String idp = createProvider(BY_USERNAME);
        App app = webApp();
        String frank = wafUser("frank", Map.of("preferred_username", name.toLowerCase()));

        assertThat(subOf(app, login(frank, app, idp))).isEqualTo(existing);

        assertThat(links(idp)).isEqualTo(1);
        Map<String, Object> event = jdbc.sql("select payload::text as p, editor from audit_event"
                        + " where event_type = 'user.idp.linked' and payload ->> 'idpId' = :idp")
                .param("idp", idp)
                .query()
                .singleRow();
        assertThat((String) event.get("p"))
                .contains("\"userId\": \"" + existing + "\"")
                .contains("\"externalUserId\": \"" + frank + "\"")
                .contains("\"userName\": \"" + name + "\"")
                .contains("AUTO_LINKING_OPTION_USERNAME");
        assertThat(event.get("editor")).isEqualTo("idp:" + idp);
        assertThat(subOf(app, login(frank, app, idp))).isEqualTo(existing);
        assertThat(linkEvents(idp)).as("linked once").isEqualTo(1);
    }

    @Test
    void linksToTheOneUserWithTheSameVerifiedEmail() throws Exception {
        String email = unique("gina") + "@example.com";
        String existing = existingUser(Map.of("email", email, "email_verified", true));
        String idp = createProvider(BY_EMAIL);
        App app = webApp();
        String gina = wafUser("gina", Map.of("email", email.toUpperCase(), "email_verified", true));

        assertThat(subOf(app, login(gina, app, idp))).isEqualTo(existing);
        assertThat(linkEvents(idp)).isEqualTo(1);
    }

    @Test
    void anUnverifiedEmailOnEitherSideLinksNothing() throws Exception {
        String email = unique("hugo") + "@example.com";
        String existing = existingUser(Map.of("email", email, "email_verified", true));
        String idp = createProvider(BY_EMAIL_OR_CREATE);
        App app = webApp();

        String unverified = wafUser("hugo", Map.of("email", email, "email_verified", false));
        String created = subOf(app, login(unverified, app, idp));
        assertThat(created).as("a new user, not the existing one").isNotEqualTo(existing);
        String silent = wafUser("hugo", Map.of("email", email));
        assertThat(subOf(app, login(silent, app, idp))).isNotIn(existing, created);

        String other = unique("ivy") + "@example.com";
        String notVerifiedHere = existingUser(Map.of("email", other));
        String verifiedToken = wafUser("ivy", Map.of("email", other, "email_verified", true));
        assertThat(subOf(app, login(verifiedToken, app, idp)))
                .as("the stored email is not verified")
                .isNotEqualTo(notVerifiedHere);
        assertThat(linkEvents(idp)).as("only the links of the new users").isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from audit_event where event_type = 'user.idp.linked'"
                                + " and payload ->> 'idpId' = :idp and payload ->> 'autoLinking' is not null")
                        .param("idp", idp)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void severalMatchesFallBackToTheCreationOptions() throws Exception {
        String email = unique("jo") + "@example.com";
        existingUser(Map.of("email", email, "email_verified", true, "preferred_username", unique("jo")));
        existingUser(Map.of("email", email, "email_verified", true, "preferred_username", unique("jo")));
        App app = webApp();

        String refusing = createProvider(BY_EMAIL);
        Login refused = login(wafUser("jo", Map.of("email", email, "email_verified", true)), app, refusing);
        assertThat(appRedirect(refused.hops())).containsEntry("error", "access_denied");
        assertThat(refusalReason(refused.request())).isEqualTo("unknown_user");

        String creating = createProvider(BY_EMAIL_OR_CREATE);
        subOf(app, login(wafUser("jo", Map.of("email", email, "email_verified", true)), app, creating));
        assertThat(usersWithEmail(email)).as("a third user").isEqualTo(3);
    }

    @Test
    void aDeactivatedMatchIsRefusedNotDuplicated() throws Exception {
        String name = unique("kim");
        String existing = existingUser(Map.of("preferred_username", name));
        assertThat(http.post("/admin/v1/users/" + existing + "/_deactivate", null, adminToken())
                        .status())
                .isEqualTo(200);
        String idp = createProvider(
                "{\"isLinkingAllowed\":true,\"autoLinking\":\"AUTO_LINKING_OPTION_USERNAME\",\"isCreationAllowed\":true,"
                        + "\"isAutoCreation\":true}");
        App app = webApp();

        Login login = login(wafUser("kim", Map.of("preferred_username", name)), app, idp);

        assertThat(appRedirect(login.hops())).containsEntry("error", "access_denied");
        assertThat(refusalReason(login.request())).isEqualTo("no_user");
        assertThat(links(idp)).isZero();
    }

    @Test
    void twentyParallelFirstLoginsThatAutoLinkToOneUserGiveOneLink() throws Exception {
        String name = unique("lee");
        String existing = existingUser(Map.of("preferred_username", name));
        String idp = createProvider(BY_USERNAME);
        App app = webApp();
        String lee = wafUser("lee", Map.of("preferred_username", name));

        List<String> subs = parallel(20, i -> loginAndGetSub(waf, lee, app, idp));

        assertThat(subs).hasSize(20).containsOnly(existing);
        assertThat(links(idp)).isEqualTo(1);
        assertThat(linkEvents(idp)).isEqualTo(1);
    }

    @Test
    void twentyParallelIdentitiesNamingOneUserGiveOneLink() throws Exception {
        String name = unique("max");
        String existing = existingUser(Map.of("preferred_username", name));
        String idp = createProvider(BY_USERNAME);
        App app = webApp();

        List<String> outcomes = parallel(20, i -> {
            Login login = login(wafUser("max" + i, Map.of("preferred_username", name)), app, idp);
            Map<String, String> answer = appRedirect(login.hops());
            return answer.containsKey("code") ? subOf(app, login) : answer.get("error");
        });

        assertThat(outcomes).containsOnly(existing, "access_denied");
        assertThat(outcomes).filteredOn(existing::equals).hasSize(1);
        assertThat(links(idp)).as("a user has one link per IdP").isEqualTo(1);
        assertThat(linkEvents(idp)).isEqualTo(1);
    }

    interface Attempt {
        String run(int i) throws Exception;
    }

    static List<String> parallel(int n, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return attempt.run(index);
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void byUserNameAnEmailWithoutAPreferredUsernameLinksNothing() throws Exception {
        String email = unique("olga") + "@example.com";
        existingUser(Map.of("email", email));
        String idp = createProvider(BY_USERNAME);
        App app = webApp();
        // The existing user's name is her email; an unverified email of another IdP must not reach it.
        String intruder = wafUser("olga", Map.of("email", email));

        Login login = login(intruder, app, idp);

        assertThat(refusalReason(login.request())).isEqualTo("unknown_user");
        assertThat(links(idp)).isZero();
    }
}
