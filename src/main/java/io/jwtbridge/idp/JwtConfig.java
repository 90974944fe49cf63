package io.jwtbridge.idp;

/**
 * How a JWT IdP hands over and verifies its JWT.
 *
 * @param jwtEndpoint where the bridge sends the browser; the WAF in front of it adds the JWT
 * @param issuer the {@code iss} the JWT must carry
 * @param keysEndpoint the JWKS the JWT's signature is verified with
 * @param headerName the request header the WAF puts the JWT in
 */
public record JwtConfig(String jwtEndpoint, String issuer, String keysEndpoint, String headerName) {

    public static final String DEFAULT_HEADER_NAME = "Authorization";
}
