package io.jwtbridge.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.Parallel;
import io.jwtbridge.testsupport.ProviderOptionsLoginTests;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    /** An existing user with {@code existingClaims}, a new IdP with {@code options}, a new app. */
    record Given(String existing, String idp, App app) {}

    Given given(Map<String, Object> existingClaims, String options) throws Exception {
        return new Given(existingUser(existingClaims), createProvider(options), webApp());
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
        Given given = given(Map.of("preferred_username", name), BY_USERNAME);
        String frank = wafUser("frank", Map.of("preferred_username", name.toLowerCase()));

        assertThat(subOf(given.app(), login(frank, given.app(), given.idp()))).isEqualTo(given.existing());

        assertThat(links(given.idp())).isEqualTo(1);
        Map<String, Object> event = jdbc.sql("select payload::text as p, editor from audit_event"
                        + " where event_type = 'user.idp.linked' and payload ->> 'idpId' = :idp")
                .param("idp", given.idp())
                .query()
                .singleRow();
        assertThat((String) event.get("p"))
                .contains("\"userId\": \"" + given.existing() + "\"")
                .contains("\"externalUserId\": \"" + frank + "\"")
                .contains("\"userName\": \"" + name + "\"")
                .contains("AUTO_LINKING_OPTION_USERNAME");
        assertThat(event.get("editor")).isEqualTo("idp:" + given.idp());
        assertThat(subOf(given.app(), login(frank, given.app(), given.idp()))).isEqualTo(given.existing());
        assertThat(linkEvents(given.idp())).as("linked once").isEqualTo(1);
    }

    @Test
    void linksToTheOneUserWithTheSameVerifiedEmail() throws Exception {
        String email = unique("gina") + "@example.com";
        Given given = given(Map.of("email", email, "email_verified", true), BY_EMAIL);
        String gina = wafUser("gina", Map.of("email", email.toUpperCase(), "email_verified", true));

        assertThat(subOf(given.app(), login(gina, given.app(), given.idp()))).isEqualTo(given.existing());
        assertThat(linkEvents(given.idp())).isEqualTo(1);
    }

    @Test
    void anUnverifiedEmailOnEitherSideLinksNothing() throws Exception {
        String email = unique("hugo") + "@example.com";
        Given given = given(Map.of("email", email, "email_verified", true), BY_EMAIL_OR_CREATE);

        String unverified = wafUser("hugo", Map.of("email", email, "email_verified", false));
        String created = subOf(given.app(), login(unverified, given.app(), given.idp()));
        assertThat(created).as("a new user, not the existing one").isNotEqualTo(given.existing());
        String silent = wafUser("hugo", Map.of("email", email));
        assertThat(subOf(given.app(), login(silent, given.app(), given.idp()))).isNotIn(given.existing(), created);

        String other = unique("ivy") + "@example.com";
        String notVerifiedHere = existingUser(Map.of("email", other));
        String verifiedToken = wafUser("ivy", Map.of("email", other, "email_verified", true));
        assertThat(subOf(given.app(), login(verifiedToken, given.app(), given.idp())))
                .as("the stored email is not verified")
                .isNotEqualTo(notVerifiedHere);
        assertThat(linkEvents(given.idp()))
                .as("only the links of the new users")
                .isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from audit_event where event_type = 'user.idp.linked'"
                                + " and payload ->> 'idpId' = :idp and payload ->> 'autoLinking' is not null")
                        .param("idp", given.idp())
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
        Given given = given(Map.of("preferred_username", name), BY_USERNAME);
        String lee = wafUser("lee", Map.of("preferred_username", name));

        List<String> subs = Parallel.run(20, i -> loginAndGetSub(waf, lee, given.app(), given.idp()));

        assertThat(subs).hasSize(20).containsOnly(given.existing());
        assertThat(links(given.idp())).isEqualTo(1);
        assertThat(linkEvents(given.idp())).isEqualTo(1);
    }

    @Test
    void twentyParallelIdentitiesNamingOneUserGiveOneLink() throws Exception {
        String name = unique("max");
        Given given = given(Map.of("preferred_username", name), BY_USERNAME);

        List<String> outcomes = Parallel.run(20, i -> {
            Login login = login(wafUser("max" + i, Map.of("preferred_username", name)), given.app(), given.idp());
            Map<String, String> answer = appRedirect(login.hops());
            return answer.containsKey("code") ? subOf(given.app(), login) : answer.get("error");
        });

        assertThat(outcomes).containsOnly(given.existing(), "access_denied");
        assertThat(outcomes).filteredOn(given.existing()::equals).hasSize(1);
        assertThat(links(given.idp())).as("a user has one link per IdP").isEqualTo(1);
        assertThat(linkEvents(given.idp())).isEqualTo(1);
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
