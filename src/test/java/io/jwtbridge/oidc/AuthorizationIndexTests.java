package io.jwtbridge.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.IntegrationTests;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The token indexes of {@code oauth2_authorization} leave out the rows without that token (a code
 * row before its token request takes 3 index entries, not 7); every lookup by a token's stored form,
 * also as the generic plan of a prepared statement, still uses its index.
 */
class AuthorizationIndexTests extends IntegrationTests {

    @Autowired
    DataSource dataSource;

    @ParameterizedTest
    @CsvSource({
        "authorization_code_value, oauth2_authorization_code_idx",
        "access_token_value, oauth2_authorization_access_token_idx",
        "refresh_token_value, oauth2_authorization_refresh_token_idx",
        "oidc_id_token_value, oauth2_authorization_id_token_idx",
        "state, oauth2_authorization_state_idx"
    })
    void aLookupByTokenUsesItsPartialIndex(String column, String index) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("set local enable_seqscan = off");
            statement.execute("set local plan_cache_mode = force_generic_plan");
            statement.execute("prepare lookup(text) as select id from oauth2_authorization where " + column + " = $1");
            List<String> plan = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("explain execute lookup('x')")) {
                while (rows.next()) {
                    plan.add(rows.getString(1));
                }
            }
            statement.execute("deallocate lookup");
            String definition;
            try (ResultSet rows =
                    statement.executeQuery("select indexdef from pg_indexes where indexname = '" + index + "'")) {
                rows.next();
                definition = rows.getString(1);
            }
            connection.rollback();

            assertThat(String.join("\n", plan)).contains(index);
            assertThat(definition).endsWith("WHERE (" + column + " IS NOT NULL)");
        }
    }
}
