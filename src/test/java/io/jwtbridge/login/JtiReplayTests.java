package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.idp.IdpService;
import io.jwtbridge.idp.JwtIdp;
import io.jwtbridge.testsupport.Ports;
import io.jwtbridge.testsupport.SecondInstance;
import io.jwtbridge.testsupport.SimulatedWaf;
import io.jwtbridge.testsupport.SimulatedWaf.Forwarded;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code requireJti} across instances (docs/login-flow.md#checks-and-reasons): a token used at one
 * instance is a replay at the other; a policy set through one instance holds at the other at once;
 * and a flood of distinct {@code jti}s leaves the store bounded by the token lifetime.
 */
class JtiReplayTests extends TokenPolicyTestSupport {

    private static final int SECOND_PORT = Ports.free();
    private static final String SECOND = "http://localhost:" + SECOND_PORT;

    private static ConfigurableApplicationContext second;

    @Autowired
    UpstreamTokens upstreamTokens;

    @Autowired
    IdpService idps;

    @BeforeAll
    static void startSecondInstance() {
        second = SecondInstance.start(SECOND_PORT);
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aTokenUsedAtOneInstanceIsAReplayAtTheOther() {
        String token =
                jwt(RSA_KEY, c -> c.subject(user()).jwtID(UUID.randomUUID().toString()));
        try (SimulatedWaf first = new SimulatedWaf(BASE, user -> Forwarded.header("x-tkn", token));
                SimulatedWaf other = new SimulatedWaf(SECOND, user -> Forwarded.header("x-tkn", token))) {
            String idpId = createIdp(first, ISSUER, KEYS.keysUrl(), "x-tkn", "{\"requireJti\":true}");
            App app = webApp();

            assertThat(login(other, user(), app, idpId).succeeded()).isTrue();
            assertThat(login(first, user(), app, idpId).reason()).isEqualTo("replayed");
            assertThat(login(other, user(), app, idpId).reason()).isEqualTo("replayed");
        }
    }

    @Test
    void aPolicySetThroughOneInstanceHoldsAtTheOtherAtOnce() throws InterruptedException {
        try (SimulatedWaf other =
                new SimulatedWaf(SECOND, user -> Forwarded.header("x-tkn", jwt(RSA_KEY, c -> c.subject(user))))) {
            String idpId = createIdp(other, ISSUER, KEYS.keysUrl(), "x-tkn", null);
            App app = webApp();
            // Instance 2 has the IdP in its cache.
            assertThat(login(other, user(), app, idpId).succeeded()).isTrue();

            setPolicy(idpId, "{\"requireJti\":true}");

            Login login = login(other, user(), app, idpId);
            for (int attempt = 0; attempt < 40 && login.succeeded(); attempt++) {
                Thread.sleep(50);
                login = login(other, user(), app, idpId);
            }
            assertThat(login.reason()).isEqualTo("missing_claim");
        }
    }

    /**
     * Tokens of 2 s with 1 s of skew, as fast as one thread can sign in: the store holds the jtis
     * of about 3 s of logins (plus the sweep's second), however long the flood lasts.
     */
    @Test
    void aFloodOfDistinctJtisLeavesTheStoreBoundedByTheTokenLifetime() throws InterruptedException {
        String idpId;
        try (SimulatedWaf gateway = new SimulatedWaf(BASE, user -> Forwarded.header("x-tkn", ""))) {
            idpId = createIdp(gateway, ISSUER, KEYS.keysUrl(), "x-tkn", "{\"requireJti\":true,\"clockSkew\":\"1s\"}");
        }
        JwtIdp idp = idps.find(idpId).orElseThrow();
        String sub = user();
        long start = System.nanoTime();
        long logins = 0;
        long largest = 0;
        long largestPerSecond = 0;
        long windowStart = start;
        long windowLogins = 0;
        while (System.nanoTime() - start < 8_000_000_000L) {
            String token = jwt(
                    RSA_KEY,
                    c -> c.subject(sub)
                            .jwtID(UUID.randomUUID().toString())
                            .expirationTime(Date.from(Instant.now().plusSeconds(2))));
            UpstreamTokens.Result result = upstreamTokens.signIn(idp, List.of(token), UpstreamTokens.ClaimsCheck.NONE);
            assertThat(result).isInstanceOf(UpstreamTokens.SignedIn.class);
            logins++;
            windowLogins++;
            if (System.nanoTime() - windowStart >= 1_000_000_000L) {
                largestPerSecond = Math.max(largestPerSecond, windowLogins);
                windowLogins = 0;
                windowStart = System.nanoTime();
                largest = Math.max(largest, stored(idpId));
            }
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.printf(
                "jti flood: %d logins in %d s (at most %d/s); largest store %d rows; bound 5 s of logins = %d%n",
                logins, seconds, largestPerSecond, largest, 5 * largestPerSecond);
        // 2 s lifetime + 1 s skew + up to 1 s until the next sweep, and a second of margin.
        assertThat(largest).isLessThanOrEqualTo(5 * largestPerSecond);
        assertThat(largest).isLessThan(logins);
        Thread.sleep(4_000);
        String last = jwt(RSA_KEY, c -> c.subject(sub).jwtID(UUID.randomUUID().toString()));
        upstreamTokens.signIn(idp, List.of(last), UpstreamTokens.ClaimsCheck.NONE);
        assertThat(stored(idpId)).isEqualTo(1);
    }

    long stored(String idpId) {
        return jdbc.sql("select count(*) from used_token_id where idp_id = :idp")
                .param("idp", idpId)
                .query(Long.class)
                .single();
    }
}
