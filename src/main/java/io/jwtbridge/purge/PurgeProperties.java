package io.jwtbridge.purge;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The purge of expired rows (docs/operations.md).
 *
 * @param interval time between the end of one purge and the start of the next
 * @param batchSize rows deleted per statement (and per transaction)
 */
@Validated
@ConfigurationProperties("jwtbridge.purge")
record PurgeProperties(
        @DefaultValue("5m") Duration interval,
        @DefaultValue("1000") @Positive int batchSize) {}
