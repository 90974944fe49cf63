package io.jwtbridge.idp;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.IntegrationTests;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** V10 gives the IdPs stored before it the options that keep their behaviour. */
class ProviderOptionsMigrationTests extends IntegrationTests {

    @Autowired
    DataSource dataSource;

    @Test
    void existingIdpsKeepTheirBehaviour() {
        String schema = "migration_" + UUID.randomUUID().toString().replace("-", "");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(schema)
                    .target("7")
                    .load()
                    .migrate();
            for (boolean autoRegister : new boolean[] {true, false}) {
                jdbc.sql("insert into " + schema + ".jwt_idp (id, name, styling_type, state, auto_register,"
                                + " jwt_endpoint, issuer, keys_endpoint, header_name, created_at, changed_at, sequence)"
                                + " values (:id, :id, 'STYLING_TYPE_GOOGLE', 'IDP_STATE_ACTIVE', :auto, 'https://w/jwt',"
                                + " 'iss', 'https://k/keys', 'Authorization', now(), now(), 1)")
                        .param("id", "idp-" + autoRegister)
                        .param("auto", autoRegister)
                        .update();
            }

            Flyway.configure().dataSource(dataSource).schemas(schema).load().migrate();

            for (boolean autoRegister : new boolean[] {true, false}) {
                Map<String, Object> row = jdbc.sql("select is_linking_allowed, is_creation_allowed, is_auto_creation,"
                                + " is_auto_update, auto_linking, auto_register from " + schema
                                + ".jwt_idp where id = :id")
                        .param("id", "idp-" + autoRegister)
                        .query()
                        .singleRow();
                assertThat(row)
                        .containsEntry("is_linking_allowed", false)
                        .containsEntry("is_creation_allowed", autoRegister)
                        .containsEntry("is_auto_creation", autoRegister)
                        .containsEntry("is_auto_update", true)
                        .containsEntry("auto_linking", "AUTO_LINKING_OPTION_UNSPECIFIED")
                        .containsEntry("auto_register", autoRegister);
            }
        } finally {
            jdbc.sql("drop schema if exists " + schema + " cascade").update();
        }
    }
}
