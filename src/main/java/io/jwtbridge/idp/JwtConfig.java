package io.jwtbridge.idp;

/**
 * How a JWT IdP hands over and verifies its JWT.
 *
 * @param jwtEndpoint where the bridge sends the browser; the WAF in front of it adds the JWT
 * @param issuer the {@code iss} the JWT must carry
 * @param keysEndpoint the JWKS the JWT's signature is verified with
 * @param headerName the request header the WAF puts the JWT in
 * @param audience when set, the JWT's {@code aud} must contain it (an extension: ZITADEL has none)
 */
public record JwtConfig(String jwtEndpoint, String issuer, String keysEndpoint, String headerName, String audience) {

    public static final String DEFAULT_HEADER_NAME = "Authorization";

    public JwtConfig(String jwtEndpoint, String issuer, String keysEndpoint, String headerName) {
        this(jwtEndpoint, issuer, keysEndpoint, headerName, null);
    }
}
