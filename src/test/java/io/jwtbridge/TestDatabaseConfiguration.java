package io.jwtbridge;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Points the bridge at the test run's PostgreSQL ({@link TestDatabase}). */
@TestConfiguration(proxyBeanMethods = false)
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
