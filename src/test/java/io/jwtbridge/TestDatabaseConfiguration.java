package io.jwtbridge;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;

/**
 * Points the bridge at the test run's PostgreSQL ({@link TestDatabase}).
 *
 * <p>Deliberately not annotated: it is imported or passed as a source where wanted, and so never
 * found by component scanning when a test starts the application from its main class.
 */
public class TestDatabaseConfiguration {

    @Bean
    DataSource dataSource() {
        TestDatabase.Connection db = TestDatabase.connection();
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(db.url())
                .username(db.username())
                .password(db.password())
                .build();
    }
}
