package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.opts.AllowWeakRSAKey;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jwtbridge.idp.JwtConfig;
import io.jwtbridge.idp.JwtIdp;
import io.jwtbridge.idp.StylingType;
import io.jwtbridge.jwks.KeyCaches;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The IdP key cache against a scripted local keys endpoint, timed by a test clock (no sleeps of
 * seconds): unknown-kid floods, rotation, outages, abusive answers, SSRF at fetch time, steady
 * state.
 */
class KeyCacheTests {

    static final String ISSUER = "https://issuer.example.com";

    final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    io.jwtbridge.jwks.ScriptedKeysServerAccess server;
    KeyCaches caches;
    IdpTokenVerifier verifier;
    JwtIdp idp;
    RSAKey key = rsa("key-1");

    @BeforeEach
    void setUp() {
        server = new io.jwtbridge.jwks.ScriptedKeysServerAccess();
        server.serve(new JWKSet(key).toPublicJWKSet().toString());
        caches = KeyCaches.allowingLocalHttp(meters, clock);
        verifier = verifier(caches);
        idp = new JwtIdp(
                "42",
                "keys",
                StylingType.STYLING_TYPE_UNSPECIFIED,
                true,
                new JwtConfig("https://waf.example.com/jwt", ISSUER, server.url("127.0.0.1"), "Authorization"));
    }

    IdpTokenVerifier verifier(KeyCaches keyCaches) {
        return new IdpTokenVerifier(
                keyCaches.newSources(),
                meters,
                // Tokens carry today's times; only the key cache's clock is moved.
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
        caches.close();
    }

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String token(JWK key) {
        return LoginIntegrationTests.sign(
                key,
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .subject("user-" + UUID.randomUUID())
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .build());
    }

    /** The reason a token is refused, or "accepted". */
    String login(JWK signingKey) {
        try {
            verifier.verify(idp, List.of(token(signingKey)));
            return "accepted";
        } catch (IdpTokenVerifier.TokenRefusedException ex) {
            return ex.reason();
        }
    }

    @Test
    void aThousandUnknownKidsCauseAtMostTwoFetchesPerThirtySeconds() {
        assertThat(login(key)).isEqualTo("accepted");
        int before = server.hits("/keys");
        List<String> reasons = new ArrayList<>();
        List<Integer> fetchesPerWindow = new ArrayList<>();
        RSAKey attacker = rsa("attacker");
        // 1,000 tokens, one every 100 ms of test time: windows of 30 s (300 tokens) and a last third.
        for (int window = 0; window < 4; window++) {
            int start = server.hits("/keys");
            for (int i = 0; i < (window < 3 ? 300 : 100); i++) {
                RSAKey unknown = new RSAKey.Builder(attacker)
                        .keyID(UUID.randomUUID().toString())
                        .build();
                reasons.add(login(unknown));
                clock.advance(Duration.ofMillis(100));
            }
            fetchesPerWindow.add(server.hits("/keys") - start);
        }
        assertThat(reasons).hasSize(1000).containsOnly("unknown_kid");
        assertThat(fetchesPerWindow).allSatisfy(fetches -> assertThat(fetches).isLessThanOrEqualTo(2));
        assertThat(server.hits("/keys") - before).isLessThanOrEqualTo(8);
    }

    @Test
    void whileTheKeysWereNeverFetchedEveryRefusalSaysSoAlsoWhenRefetchingIsRateLimited() {
        server.mode(io.jwtbridge.jwks.ScriptedKeysServerAccess.Mode.ERROR_500);
        assertThat(login(key)).isEqualTo("keys_unavailable");
        // Too soon to fetch again: still no key is known, so the keys are what is missing.
        clock.advance(Duration.ofSeconds(1));
        assertThat(login(key)).isEqualTo("keys_unavailable");
        assertThat(login(rsa("other"))).isEqualTo("keys_unavailable");

        server.mode(io.jwtbridge.jwks.ScriptedKeysServerAccess.Mode.OK);
        clock.advance(KeyCaches.UNKNOWN_KID_INTERVAL);
        assertThat(login(key)).as("once the endpoint answers again").isEqualTo("accepted");
    }

    @Test
    void rotationIsPickedUpWithOneRefetchAndTheOldKeyWorksWhilePublished() {
        assertThat(login(key)).isEqualTo("accepted");
        RSAKey next = rsa("key-2");
        server.serve(new JWKSet(List.of(next, key)).toPublicJWKSet().toString());
        clock.advance(Duration.ofMinutes(1));
        int before = server.hits("/keys");

        assertThat(login(next)).isEqualTo("accepted");
        assertThat(server.hits("/keys") - before).isEqualTo(1);
        assertThat(login(key)).as("the old key while it is still published").isEqualTo("accepted");
        assertThat(login(next)).isEqualTo("accepted");
        assertThat(server.hits("/keys") - before).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(
            value = io.jwtbridge.jwks.ScriptedKeysServerAccess.Mode.class,
            names = {"ERROR_500", "RESET", "HANG", "DRIP"})
    void knownKeysKeepWorkingThroughAnOutageAndLoginsRecoverAfterIt(
            io.jwtbridge.jwks.ScriptedKeysServerAccess.Mode outage) {
        assertThat(login(key)).isEqualTo("accepted");
        server.mode(outage);

        // Well past the cache lifetime, inside the outage window: the stale keys still verify.
        clock.advance(Duration.ofMinutes(20));
        long started = System.nanoTime();
        assertThat(login(key)).isEqualTo("accepted");
        clock.advance(Duration.ofHours(12));
        assertThat(login(key)).isEqualTo("accepted");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMillis)
                .as("two fetches with one retry each, every fetch capped at 2 s")
                .isLessThan(9_000);

        clock.advance(Duration.ofHours(13));
        assertThat(login(key)).as("after the outage window").isEqualTo("keys_unavailable");

        server.mode(io.jwtbridge.jwks.ScriptedKeysServerAccess.Mode.OK);
        clock.advance(Duration.ofMinutes(1));
        assertThat(login(key)).as("the endpoint recovered").isEqualTo("accepted");
    }

    @Test
    void oversizedOrOverfullKeySetsAndRedirectsAreRefused() {
        server.mode(io.jwtbridge.jwks.ScriptedKeysServerAccess.Mode.HUGE);
        assertThat(login(key)).isEqualTo("keys_unavailable");

        server.mode(io.jwtbridge.jwks.ScriptedKeysServerAccess.Mode.OK);
        List<JWK> many = new ArrayList<>();
        many.add(key);
        RSAKey filler = rsa("filler");
        for (int i = 0; i < 100; i++) {
            many.add(new RSAKey.Builder(filler.toPublicJWK())
                    .keyID("filler-" + i)
                    .build());
        }
        server.serve(new JWKSet(many).toString());
        verifier = verifier(caches);
        assertThat(login(key)).isEqualTo("keys_unavailable");

        server.mode(io.jwtbridge.jwks.ScriptedKeysServerAccess.Mode.REDIRECT);
        verifier = verifier(caches);
        assertThat(login(key)).isEqualTo("keys_unavailable");
        assertThat(server.hits("/redirect-target")).isZero();
        assertThat(meters.find("jwtbridge.jwks.fetches")
                        .tag("outcome", "too_large")
                        .counter()
                        .count())
                .isPositive();
        assertThat(meters.find("jwtbridge.jwks.fetches")
                        .tag("outcome", "too_many_keys")
                        .counter()
                        .count())
                .isPositive();
    }

    @Test
    void weakAndPrivateKeysAreIgnored() throws Exception {
        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();
        RSAKey leaked = rsa("leaked");
        server.serve(new JWKSet(List.of(weak.toPublicJWK(), key))
                .toString()
                .replace("\"keys\":[", "\"keys\":[" + leaked.toJSONString() + ","));
        assertThat(login(key)).isEqualTo("accepted");
        SignedJWT weakToken = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("weak").build(),
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .subject("s")
                        .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                        .build());
        weakToken.sign(new RSASSASigner(weak.toPrivateKey(), Set.of(AllowWeakRSAKey.getInstance())));
        assertThatThrownBy(() -> verifier.verify(idp, List.of(weakToken.serialize())))
                .isInstanceOf(IdpTokenVerifier.TokenRefusedException.class)
                .satisfies(ex -> assertThat(((IdpTokenVerifier.TokenRefusedException) ex).reason())
                        .isEqualTo("unknown_kid"));
        assertThat(login(leaked)).as("a published private key is not used").isEqualTo("unknown_kid");
    }

    @Test
    void steadyStateLoginsFetchNothingAndRefreshAheadFetchesOnceInTheBackground() throws Exception {
        assertThat(login(key)).isEqualTo("accepted");
        int before = server.hits("/keys");
        for (int i = 0; i < 1000; i++) {
            assertThat(login(key)).isEqualTo("accepted");
            clock.advance(Duration.ofMillis(800));
        }
        assertThat(server.hits("/keys"))
                .as("1,000 logins inside the cache lifetime")
                .isEqualTo(before);

        // Into the refresh-ahead window (the last 30 s of 15 min): logins go on from the cache while
        // one background fetch refreshes it.
        clock.advance(
                Duration.ofMinutes(15).minus(Duration.ofMillis(800L * 1000)).minusSeconds(10));
        server.mode(io.jwtbridge.jwks.ScriptedKeysServerAccess.Mode.SLOW);
        long started = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            assertThat(login(key)).isEqualTo("accepted");
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMillis)
                .as("no login waited for the (slow) background fetch")
                .isLessThan(1_500);
        Thread.sleep(2_500);
        assertThat(server.hits("/keys") - before).isEqualTo(1);
    }

    @Test
    void ed25519TokensVerifyWithTheIdpsOkpKey() throws Exception {
        OctetKeyPair ed = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-1").generate();
        server.serve(new JWKSet(List.of(key, ed)).toPublicJWKSet().toString());

        assertThat(login(ed)).isEqualTo("accepted");
        OctetKeyPair impostor =
                new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-1").generate();
        assertThat(login(impostor)).isEqualTo("bad_signature");
        assertThat(login(key)).isEqualTo("accepted");
    }
}
