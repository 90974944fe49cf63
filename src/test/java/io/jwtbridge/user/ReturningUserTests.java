package io.jwtbridge.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.idp.AutoLinkingOption;
import io.jwtbridge.idp.ProviderOptions;
import io.jwtbridge.testsupport.IntegrationTests;
import io.jwtbridge.testsupport.TestHttp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A returning user's login finished in one statement ({@link UserProvisioning#returning},
 * {@link UserProvisioning#signInReturning}) acts only while the user is exactly as this instance
 * read it: any change of the user's row, its state, its link or the roles the token maps makes it
 * write nothing (and the ordinary sign-in runs instead), and its event is written only with the
 * caller's change.
 */
class ReturningUserTests extends IntegrationTests {

    static final ProviderOptions AUTO_UPDATE =
            new ProviderOptions(false, true, true, true, AutoLinkingOption.AUTO_LINKING_OPTION_UNSPECIFIED);

    @Autowired
    UserProvisioning provisioning;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    String idpId;
    String sub;
    String step;

    @BeforeEach
    void aRegisteredIdentity() {
        TestHttp.Response idp = http.post("/admin/v1/idps/jwt", """
                {"name":"returning-%s","jwtEndpoint":"https://custom.com/auth/jwt",\
                "issuer":"https://accounts.custom.com","keysEndpoint":"https://accounts.custom.com/keys",\
                "headerName":"x-auth-token"}""".formatted(UUID.randomUUID()), adminToken());
        assertThat(idp.status()).as(idp.body()).isEqualTo(200);
        idpId = idp.json().get("idpId").asString();
        sub = "returning-" + UUID.randomUUID();
        step = UUID.randomUUID().toString();
        jdbc.sql("create table if not exists returning_user_test (id text primary key, n int not null)")
                .update();
        jdbc.sql("insert into returning_user_test (id, n) values (:id, 0)")
                .param("id", step)
                .update();
        assertThat(signIn(profile("Ada", null)).action())
                .as("registered by the first login")
                .isEqualTo(UserProvisioning.Action.CREATE);
    }

    UserProfile profile(String givenName, List<String> roles) {
        return new UserProfile(null, null, null, null, givenName, null, null, null, null, roles);
    }

    UserProvisioning.Outcome signIn(UserProfile profile) {
        return transactions.execute(status -> provisioning.signIn(idpId, AUTO_UPDATE, sub, profile));
    }

    Optional<UserProvisioning.Returning> returning(UserProfile profile) {
        return provisioning.returning(idpId, AUTO_UPDATE, sub, profile);
    }

    boolean finishStep(UserProvisioning.Returning user, String stepId) {
        return provisioning.signInReturning(
                user, "update returning_user_test set n = n + 1 where id = :id", Map.of("id", stepId));
    }

    int steps() {
        return jdbc.sql("select n from returning_user_test where id = :id")
                .param("id", step)
                .query(Integer.class)
                .single();
    }

    int loginEvents(String userId) {
        return jdbc.sql("""
                        select count(*) from audit_event
                        where aggregate_id = :id and event_type = 'user.login.succeeded' and payload ->> 'idpId' = :idp
                        """)
                .param("id", userId)
                .param("idp", idpId)
                .query(Integer.class)
                .single();
    }

    @Test
    void aReturningUserIsFinishedInOneStatementWithItsEvent() {
        assertThat(returning(profile("Ada", null)))
                .as("a registration is not remembered")
                .isEmpty();
        String userId = signIn(profile("Ada", null)).user().id();
        int events = loginEvents(userId);

        UserProvisioning.Returning user = returning(profile("Ada", null)).orElseThrow();
        assertThat(user.userId()).isEqualTo(userId);
        assertThat(finishStep(user, step)).isTrue();

        assertThat(steps()).as("the caller's change").isEqualTo(1);
        assertThat(loginEvents(userId)).as("the login's event, with it").isEqualTo(events + 1);
    }

    @Test
    void noEventWithoutTheCallersChange() {
        String userId = signIn(profile("Ada", null)).user().id();
        int events = loginEvents(userId);

        assertThat(finishStep(returning(profile("Ada", null)).orElseThrow(), "no-such-step"))
                .isFalse();

        assertThat(loginEvents(userId)).isEqualTo(events);
    }

    @Test
    void aChangedUserRowWritesNothingAndIsForgotten() {
        String userId = signIn(profile("Ada", null)).user().id();
        UserProvisioning.Returning user = returning(profile("Ada", null)).orElseThrow();
        int events = loginEvents(userId);
        jdbc.sql("update bridge_user set nick_name = 'changed elsewhere' where id = :id")
                .param("id", userId)
                .update();

        assertThat(finishStep(user, step)).as("the row is not the version read").isFalse();

        assertThat(steps()).isZero();
        assertThat(loginEvents(userId)).isEqualTo(events);
        assertThat(returning(profile("Ada", null)))
                .as("forgotten: the next login reads")
                .isEmpty();
        assertThat(signIn(profile("Ada", null)).user().nickName())
                .as("the ordinary sign-in sees the change")
                .isEqualTo("changed elsewhere");
        assertThat(finishStep(returning(profile("Ada", null)).orElseThrow(), step))
                .as("and remembers the new version")
                .isTrue();
    }

    @Test
    void aDeactivatedUserWritesNothing() {
        String userId = signIn(profile("Ada", null)).user().id();
        UserProvisioning.Returning user = returning(profile("Ada", null)).orElseThrow();
        jdbc.sql("update bridge_user set state = :inactive where id = :id")
                .param("inactive", User.INACTIVE)
                .param("id", userId)
                .update();

        assertThat(finishStep(user, step)).isFalse();
        assertThat(steps()).isZero();
        assertThat(signIn(profile("Ada", null)).reason()).isEqualTo(UserProvisioning.NO_USER);
        assertThat(returning(profile("Ada", null))).isEmpty();
    }

    @Test
    void aRemovedLinkWritesNothing() {
        signIn(profile("Ada", null));
        UserProvisioning.Returning user = returning(profile("Ada", null)).orElseThrow();
        jdbc.sql("delete from user_link where idp_id = :idp and external_user_id = :sub")
                .param("idp", idpId)
                .param("sub", sub)
                .update();

        assertThat(finishStep(user, step)).isFalse();
        assertThat(steps()).isZero();
    }

    @Test
    void claimsThatWouldChangeTheProfileGoTheOrdinaryWay() {
        signIn(profile("Ada", null));

        assertThat(returning(profile("Ada", null))).isPresent();
        assertThat(returning(profile("Grace", null)))
                .as("automatic update would change the given name")
                .isEmpty();
        assertThat(provisioning.returning(
                        idpId,
                        new ProviderOptions(
                                false, true, true, false, AutoLinkingOption.AUTO_LINKING_OPTION_UNSPECIFIED),
                        sub,
                        profile("Grace", null)))
                .as("without automatic update the claims change nothing")
                .isPresent();
    }

    @Test
    void rolesOtherThanTheLinksWriteNothing() {
        signIn(profile("Ada", List.of("reader")));

        assertThat(finishStep(
                        returning(profile("Ada", List.of("reader", "writer"))).orElseThrow(), step))
                .as("the link holds other roles")
                .isFalse();
        assertThat(steps()).isZero();

        signIn(profile("Ada", List.of("reader", "writer")));
        assertThat(finishStep(
                        returning(profile("Ada", List.of("reader", "writer"))).orElseThrow(), step))
                .isTrue();
        assertThat(steps()).isOne();
    }
}
