package io.jwtbridge.oidc;

import io.jwtbridge.app.AppRemoved;
import io.jwtbridge.user.UserDeactivated;
import io.jwtbridge.user.UserRemoved;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends the Authorization Server's grants (codes, access and refresh tokens, consents) and the
 * browser sessions of a user or an app that goes away, in the transaction of that change (the
 * events are published inside it and heard synchronously): a deactivated user's tokens stop at the
 * commit, and nothing is left of a removed app's grants.
 */
@Component
class GrantsEnding {

    private final JdbcClient jdbc;

    GrantsEnding(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(UserDeactivated deactivated) {
        endUsersGrantsAndSessions(deactivated.userId());
    }

    @EventListener
    void on(UserRemoved removed) {
        endUsersGrantsAndSessions(removed.userId());
    }

    @EventListener
    void on(AppRemoved removed) {
        jdbc.sql("delete from oauth2_authorization where registered_client_id = :id")
                .param("id", removed.registeredClientId())
                .update();
        jdbc.sql("delete from oauth2_authorization_consent where registered_client_id = :id")
                .param("id", removed.registeredClientId())
                .update();
    }

    private void endUsersGrantsAndSessions(String userId) {
        jdbc.sql("delete from oauth2_authorization where principal_name = :id")
                .param("id", userId)
                .update();
        jdbc.sql("delete from spring_session where principal_name = :id")
                .param("id", userId)
                .update();
    }
}
