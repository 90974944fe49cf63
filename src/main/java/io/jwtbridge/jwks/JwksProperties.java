package io.jwtbridge.jwks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the bridge fetches and caches the keys of JWT IdPs.
 *
 * @param cacheTtl how long fetched keys are used before they are fetched again
 * @param refreshAhead how long before {@code cacheTtl} ends a background fetch starts, so no login
 *     waits for one in steady state
 * @param unknownKidInterval a token with an unknown {@code kid} refetches at most twice per interval
 *     and IdP
 * @param outageTolerance how long the last good keys keep working while the keys endpoint fails
 * @param connectTimeout connect timeout of one fetch
 * @param readTimeout timeout of each read of one fetch
 * @param fetchDeadline total time one fetch may take, however slowly the answer drips in
 * @param maxSize larger answers are refused
 * @param maxKeys key sets with more keys are refused
 * @param minRsaBits RSA keys shorter than this are ignored
 */
@ConfigurationProperties("jwtbridge.jwks")
record JwksProperties(
        @DefaultValue("15m") Duration cacheTtl,
        @DefaultValue("30s") Duration refreshAhead,
        @DefaultValue("30s") Duration unknownKidInterval,
        @DefaultValue("24h") Duration outageTolerance,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("1s") Duration readTimeout,
        @DefaultValue("2s") Duration fetchDeadline,
        @DefaultValue("64KB") DataSize maxSize,
        @DefaultValue("100") int maxKeys,
        @DefaultValue("2048") int minRsaBits) {}
