package io.jwtbridge.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;

/**
 * The single-use code store writes the Authorization Server's table with statements of its own:
 * their columns must be the ones of the schema the Authorization Server ships, in its order, so an
 * upgrade that adds or moves a column fails here instead of storing tokens in the wrong columns.
 */
class AuthorizationStatementsTests {

    static List<String> shippedColumns() throws IOException {
        try (InputStream schema = JdbcOAuth2AuthorizationService.class.getResourceAsStream(
                "/org/springframework/security/oauth2/server/authorization/oauth2-authorization-schema.sql")) {
            String sql = new String(schema.readAllBytes(), StandardCharsets.UTF_8);
            String table = sql.substring(sql.indexOf("CREATE TABLE oauth2_authorization ("));
            Matcher column = Pattern.compile("(?m)^\\s+([a-z_]+)\\s+[a-z]").matcher(table);
            List<String> columns = new java.util.ArrayList<>();
            while (column.find()) {
                columns.add(column.group(1));
            }
            return columns;
        }
    }

    static List<String> split(String columns) {
        return Arrays.stream(columns.split(",")).map(String::strip).toList();
    }

    @Test
    void theColumnsAreTheShippedSchemasInItsOrder() throws IOException {
        assertThat(split(AuthorizationStatements.COLUMNS)).containsExactlyElementsOf(shippedColumns());
    }

    @Test
    void theUpdateSetsEveryColumnButTheIdInTheSameOrder() throws IOException {
        String set = AuthorizationStatements.SET_SQL.substring("UPDATE oauth2_authorization SET ".length());
        List<String> assigned =
                split(set).stream().map(a -> a.replace("= ?", "").strip()).toList();

        assertThat(assigned)
                .containsExactlyElementsOf(
                        shippedColumns().subList(1, shippedColumns().size()));
    }

    @Test
    void theInsertHasOnePlaceholderPerColumn() throws IOException {
        long placeholders = AuthorizationStatements.INSERT_NEW_SQL
                .chars()
                .filter(c -> c == '?')
                .count();

        assertThat(placeholders).isEqualTo(shippedColumns().size());
    }
}
