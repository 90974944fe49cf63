package io.jwtbridge.login;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.jwtbridge.idp.JwtConfig;
import io.jwtbridge.idp.JwtIdp;
import io.jwtbridge.jwks.KeyCaches;
import io.jwtbridge.idp.StylingType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import io.jwtbridge.idp.JsonPointer;
import io.jwtbridge.idp.ProviderOptions;
import io.jwtbridge.idp.TokenPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the bridge's whole token check (header parsing, key lookup in the warm cache,
 * signature, claims) next to bare Nimbus (parse + signature) on the same pre-built token; and the
 * same with a token policy of 3 required claims (equals, contains, matches) and {@code requireJti}
 * (its store in memory here: the database round trip of a real login is not in this figure).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class VerifierBenchmark {

    @Param({"RS256", "ES256", "EdDSA"})
    public String algorithm;

    private String token;
    private JWSVerifier bare;
    private IdpTokenVerifier bridge;
    private JwtIdp idp;
    private JwtIdp policyIdp;
    private List<String> header;
    private HttpServer keysServer;
    private KeyCaches caches;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        JWK key = switch (algorithm) {
            case "RS256" -> new RSAKeyGenerator(2048).keyID("bench").generate();
            case "ES256" -> new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
            default -> new OctetKeyPairGenerator(Curve.Ed25519).keyID("bench").generate();
        };
        byte[] jwks = new JWKSet(key).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
        keysServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keysServer.createContext("/keys", exchange -> {
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        keysServer.start();
        String issuer = "https://issuer.example.com";
        JWSSigner signer = key instanceof RSAKey rsa
                ? new RSASSASigner(rsa)
                : key instanceof ECKey ec ? new ECDSASigner(ec) : new Ed25519Signer((OctetKeyPair) key);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.parse(algorithm)).keyID("bench").build(),
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .subject("bench-user")
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                        .claim("email", "bench@example.com")
                        .claim("email_verified", true)
                        .claim("groups", List.of("dev", "staff"))
                        .claim("hd", "example.com")
                        .jwtID("bench-jti")
                        .build());
        jwt.sign(signer);
        token = jwt.serialize();
        header = List.of("Bearer " + token);
        bare = key instanceof RSAKey rsa
                ? new RSASSAVerifier(rsa.toRSAPublicKey())
                : key instanceof ECKey ec
                        ? new ECDSAVerifier(ec.toECPublicKey())
                        : new Ed25519Verifier(((OctetKeyPair) key).toPublicJWK());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // Every jti is new to this store: the check and the store call are measured, not a refusal.
        TokenIdStore everyJtiNew = new TokenIdStore() {
            @Override
            public boolean firstUse(String idpId, String jti, Instant keepUntil) {
                return true;
            }

            @Override
            public boolean used(String idpId, String jti) {
                return false;
            }
        };
        caches = KeyCaches.allowingLocalHttp(meters, Clock.systemUTC());
        bridge = new IdpTokenVerifier(caches.newSources(), meters, Clock.systemUTC(), everyJtiNew);
        idp = new JwtIdp("1", "bench", StylingType.STYLING_TYPE_UNSPECIFIED, true, new JwtConfig(
                "https://waf.example.com/jwt", issuer,
                "http://127.0.0.1:" + keysServer.getAddress().getPort() + "/keys", "Authorization"));
        bridge.verify(idp, header);
        TokenPolicy policy = new TokenPolicy(null, null, null, null, null, null, null, true, List.of(
                new TokenPolicy.RequiredClaim(JsonPointer.parse("/email_verified").orElseThrow(), true, null, null),
                new TokenPolicy.RequiredClaim(JsonPointer.parse("/groups").orElseThrow(), null, "staff", null),
                new TokenPolicy.RequiredClaim(
                        JsonPointer.parse("/hd").orElseThrow(), null, null, Pattern.compile("^example\\.com$"))),
                null, null, true);
        policyIdp = new JwtIdp("2", "bench-policy", StylingType.STYLING_TYPE_UNSPECIFIED,
                ProviderOptions.ofAutoRegister(true), idp.jwtConfig(), policy);
        bridge.verify(policyIdp, header);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        keysServer.stop(0);
        caches.close();
    }

    @Benchmark
    public boolean bareNimbus() throws Exception {
        return SignedJWT.parse(token).verify(bare);
    }

    @Benchmark
    public Object bridgeVerifier() throws Exception {
        return bridge.verify(idp, header);
    }

    @Benchmark
    public Object bridgeVerifierWithPolicy() throws Exception {
        return bridge.verify(policyIdp, header);
    }

}
