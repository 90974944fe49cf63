package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.SimulatedWaf;
import io.jwtbridge.testsupport.SimulatedWaf.Forwarded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each gateway preset end to end, with a simulated gateway that behaves like the real one
 * (docs/waf-guides.md): its header or cookie, its algorithm, its key format and URL shape, its
 * {@code aud}; AWS ALB's padded base64url and {@code signer}.
 */
class GatewayPresetTests extends TokenPolicyTestSupport {

    SimulatedWaf gateway;
    App app;

    @org.junit.jupiter.api.BeforeEach
    void setUp() {
        app = webApp();
    }

    @AfterEach
    void tearDown() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** A fresh P-256 key with a random kid. */
    static ECKey ecKey() throws JOSEException {
        return new ECKeyGenerator(Curve.P_256)
                .keyID(UUID.randomUUID().toString())
                .generate();
    }

    static String sign(JWK key, String issuer, String user, Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
        claims.forEach(builder::claim);
        return LoginIntegrationTests.sign(key, builder.build());
    }

    @Test
    void cloudflareAccessSendsItsHeaderAndItsCookieSignedRs256WithTheAudTag() throws Exception {
        RSAKey key =
                new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        String team = "https://team-" + UUID.randomUUID() + ".cloudflareaccess.com";
        String certs = GATEWAY_KEYS.jwks("/" + UUID.randomUUID() + "/cdn-cgi/access/certs", new JWKSet(key));
        String aud = UUID.randomUUID().toString().replace("-", "");
        String token = sign(key, team, "cf-" + UUID.randomUUID(), Map.of("aud", List.of(aud), "email", "a@b.c"));
        gateway = new SimulatedWaf(BASE, user -> Forwarded.header("Cf-Access-Jwt-Assertion", token));
        String idpId = createIdp(
                gateway, team, certs, null, "{\"preset\":\"CLOUDFLARE_ACCESS\",\"audiences\":[\"" + aud + "\"]}");

        assertThat(login(gateway, user(), app, idpId).succeeded()).isTrue();
        gateway.forwarded(user -> Forwarded.cookie("CF_Authorization", token));
        assertThat(login(gateway, user(), app, idpId).succeeded()).isTrue();
        gateway.forwarded(user -> Forwarded.header(
                "Cf-Access-Jwt-Assertion", sign(key, team, user, Map.of("aud", List.of("another-app")))));
        assertThat(login(gateway, user(), app, idpId).reason()).isEqualTo("wrong_audience");
        // Cloudflare signs with RS256 only.
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(key.getKeyID()).generate();
        gateway.forwarded(user ->
                Forwarded.header("Cf-Access-Jwt-Assertion", sign(ec, team, user, Map.of("aud", List.of(aud)))));
        assertThat(login(gateway, user(), app, idpId).reason()).isEqualTo("unsupported_alg");
    }

    @Test
    void aHeaderNameGivenWithAPresetReplacesThePresetsSources() throws Exception {
        RSAKey key =
                new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        String team = "https://team-" + UUID.randomUUID() + ".cloudflareaccess.com";
        String certs = GATEWAY_KEYS.jwks("/" + UUID.randomUUID() + "/cdn-cgi/access/certs", new JWKSet(key));
        String token = sign(key, team, "cf-" + UUID.randomUUID(), Map.of("aud", List.of("tag")));
        gateway = new SimulatedWaf(BASE, user -> Forwarded.header("Cf-Access-Jwt-Assertion", token));
        String idpId = createIdp(
                gateway, team, certs, "x-own-header", "{\"preset\":\"CLOUDFLARE_ACCESS\",\"audiences\":[\"tag\"]}");

        assertThat(login(gateway, user(), app, idpId).reason()).isEqualTo("missing_token");
        gateway.forwarded(user -> Forwarded.header("x-own-header", token));
        assertThat(login(gateway, user(), app, idpId).succeeded()).isTrue();
    }

    @Test
    void googleIapSendsEs256WithItsBackendServiceAudience() throws Exception {
        ECKey key = ecKey();
        String keys = GATEWAY_KEYS.jwks("/" + UUID.randomUUID() + "/iap/verify/public_key-jwk", new JWKSet(key));
        String issuer = "https://cloud.google.com/iap";
        String aud = "/projects/" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000)
                + "/global/backendServices/42";
        gateway = new SimulatedWaf(
                BASE,
                user -> new Forwarded(
                        Map.of(
                                "x-goog-iap-jwt-assertion",
                                List.of(sign(
                                        key,
                                        issuer,
                                        "accounts.google.com:" + user,
                                        Map.of("aud", aud, "hd", "example.com"))),
                                // IAP also sends unsigned identity headers: they are never read.
                                "x-goog-authenticated-user-email",
                                List.of("accounts.google.com:root@example.com")),
                        Map.of()));
        String idpId =
                createIdp(gateway, issuer, keys, null, "{\"preset\":\"GOOGLE_IAP\",\"audiences\":[\"" + aud + "\"]}");

        assertThat(login(gateway, user(), app, idpId).succeeded()).isTrue();
        gateway.forwarded(
                user -> Forwarded.header("x-goog-iap-jwt-assertion", sign(RSA_KEY, issuer, user, Map.of("aud", aud))));
        assertThat(login(gateway, user(), app, idpId).reason()).isEqualTo("unsupported_alg");
        gateway.forwarded(user -> Forwarded.header(
                "x-goog-iap-jwt-assertion",
                sign(key, issuer, user, Map.of("aud", "/projects/1/global/backendServices/43"))));
        assertThat(login(gateway, user(), app, idpId).reason()).isEqualTo("wrong_audience");
    }

    @Test
    void pomeriumSendsEs256FromItsWellKnownJwks() throws Exception {
        ECKey key = ecKey();
        String keys = GATEWAY_KEYS.jwks("/" + UUID.randomUUID() + "/.well-known/pomerium/jwks.json", new JWKSet(key));
        String route = "https://app-" + UUID.randomUUID() + ".example.com";
        gateway = new SimulatedWaf(
                BASE,
                user -> Forwarded.header(
                        "X-Pomerium-Jwt-Assertion",
                        sign(
                                key,
                                route,
                                user,
                                Map.of("aud", route, "email", user + "@example.com", "groups", List.of("g")))));
        String idpId =
                createIdp(gateway, route, keys, null, "{\"preset\":\"POMERIUM\",\"audiences\":[\"" + route + "\"]}");

        assertThat(login(gateway, user(), app, idpId).succeeded()).isTrue();
        gateway.forwarded(user -> Forwarded.header("Authorization", "Bearer " + sign(key, route, user, Map.of())));
        assertThat(login(gateway, user(), app, idpId).reason()).isEqualTo("missing_token");
    }

    static final String ALB_ISSUER = "https://login.example.com";

    static final String ARN =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/my-alb/50dc6c495c0c9188";

    /** AWS ALB's forwarding: its token in {@code x-amzn-oidc-data}. */
    static Function<String, Forwarded> alb(ECKey key, String signer, String issuer) {
        return user -> Forwarded.header("x-amzn-oidc-data", albToken(key, signer, issuer, user));
    }

    /** A token as AWS ALB makes it: ES256, kid a UUID, signer in the header, base64url with padding. */
    static String albToken(ECKey key, String signer, String issuer, String user) {
        long exp = Instant.now().plusSeconds(120).getEpochSecond();
        String header = "{\"typ\":\"JWT\",\"kid\":\"" + key.getKeyID() + "\",\"alg\":\"ES256\",\"iss\":\"" + issuer
                + "\",\"client\":\"client-1\",\"signer\":\"" + signer + "\",\"exp\":" + exp + "}";
        String payload = "{\"sub\":\"" + user + "\",\"email\":\"" + user + "@example.com\",\"exp\":" + exp
                + ",\"iss\":\"" + issuer + "\"}";
        while (payload.length() % 3 == 0) {
            payload = payload.replace("{\"sub\"", "{ \"sub\"");
        }
        Base64.Encoder padded = Base64.getUrlEncoder();
        String input = padded.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + padded.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            byte[] signature = new ECDSASigner(key)
                    .sign(new JWSHeader(JWSAlgorithm.ES256), input.getBytes(StandardCharsets.US_ASCII))
                    .decode();
            return input + "." + padded.encodeToString(signature);
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void awsAlbSendsPaddedEs256WithItsSignerAndOnePemPerKid() throws Exception {
        ECKey key = ecKey();
        String region = "/" + UUID.randomUUID();
        String keysEndpoint = GATEWAY_KEYS.pem(region, key);
        gateway = new SimulatedWaf(BASE, alb(key, ARN, ALB_ISSUER));
        String idpId = createIdp(
                gateway, ALB_ISSUER, keysEndpoint, null, "{\"preset\":\"AWS_ALB\",\"signer\":\"" + ARN + "\"}");
        assertThat(albToken(key, ARN, ALB_ISSUER, "u")).contains("=");

        assertThat(login(gateway, user(), app, idpId).succeeded()).isTrue();
        assertThat(GATEWAY_KEYS.hits(region + "/" + key.getKeyID())).isEqualTo(1);
        gateway.forwarded(alb(key, ARN.replace("my-alb", "other-alb"), ALB_ISSUER));
        assertThat(login(gateway, user(), app, idpId).reason()).isEqualTo("wrong_signer");
        ECKey rotated = ecKey();
        gateway.forwarded(alb(rotated, ARN, ALB_ISSUER));
        assertThat(login(gateway, user(), app, idpId).reason()).isEqualTo("unknown_kid");
        // Unknown kids are fetched at most twice per interval (here: the first key and the rotated
        // one), so a flood of made-up kids cannot make the bridge hammer the key URL; the rotated
        // key is picked up at the next allowed fetch.
        GATEWAY_KEYS.pem(region, rotated);
        for (int i = 0; i < 5; i++) {
            ECKey madeUp = ecKey();
            gateway.forwarded(alb(madeUp, ARN, ALB_ISSUER));
            assertThat(login(gateway, user(), app, idpId).reason()).isEqualTo("unknown_kid");
        }
        gateway.forwarded(alb(rotated, ARN, ALB_ISSUER));
        assertThat(login(gateway, user(), app, idpId).reason()).isEqualTo("unknown_kid");
        assertThat(GATEWAY_KEYS.hits(region + "/" + rotated.getKeyID())).isEqualTo(1);
    }

    @Test
    void paddedTokensAreRefusedWithoutTheAlbPreset() throws Exception {
        ECKey key = ecKey();
        String region = "/" + UUID.randomUUID();
        String keysEndpoint = GATEWAY_KEYS.pem(region, key);
        gateway = new SimulatedWaf(BASE, alb(key, ARN, ALB_ISSUER));
        String idpId = createIdp(
                gateway,
                ALB_ISSUER,
                keysEndpoint,
                "x-amzn-oidc-data",
                "{\"keys\":{\"source\":\"PEM_URL_BY_KID\"},\"signer\":\"" + ARN + "\"}");

        assertThat(login(gateway, user(), app, idpId).reason()).isEqualTo("malformed");
    }
}
