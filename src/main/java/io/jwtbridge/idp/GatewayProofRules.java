package io.jwtbridge.idp;

import io.jwtbridge.Cidr;
import io.jwtbridge.Ids;
import io.jwtbridge.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.util.StringUtils;

/** The rules of a {@link GatewayProof} as an admin gives it: each refusal names its field. */
final class GatewayProofRules {

    private GatewayProofRules() {}

    /**
     * The proof to store: the secret hashed, the header name defaulted when a secret is given, the
     * networks parsed and without repeats; {@link GatewayProof#NONE} when nothing is given.
     */
    static GatewayProof check(JwtConfig jwtConfig, String headerName, String secret, List<String> allowedNetworks) {
        boolean withSecret = StringUtils.hasLength(secret);
        if (!withSecret && StringUtils.hasLength(headerName)) {
            throw IdpErrors.invalidField("secret", "required with headerName");
        }
        String header =
                !withSecret ? null : StringUtils.hasLength(headerName) ? headerName : GatewayProof.DEFAULT_HEADER_NAME;
        if (header != null && header.equalsIgnoreCase(jwtConfig.headerName())) {
            throw IdpErrors.invalidField("headerName", "must not be the header of the JWT (jwtConfig.headerName)");
        }
        List<Cidr> networks = new ArrayList<>();
        List<String> given = allowedNetworks == null ? List.of() : allowedNetworks;
        for (int i = 0; i < given.size(); i++) {
            int index = i;
            Cidr network = Cidr.parse(given.get(i).strip())
                    .orElseThrow(() -> ApiException.invalidArgument(
                            "IDP-InvalidAllowedNetworks",
                            "invalid allowedNetworks[" + index + "]: must be an IPv4 or IPv6 network in CIDR notation"
                                    + " without host bits, e.g. 10.0.0.0/8 or 2001:db8::/32"));
            if (!networks.contains(network)) {
                networks.add(network);
            }
        }
        return header == null && networks.isEmpty()
                ? GatewayProof.NONE
                : new GatewayProof(header, withSecret ? Ids.sha256(secret) : null, networks);
    }

    /**
     * A changed JWT configuration must not take the header of the gateway proof already set: the
     * gateway's secret would then be read as the user's JWT.
     */
    static void checkJwtHeader(JwtConfig jwtConfig, GatewayProof proof) {
        if (proof.headerName() != null && proof.headerName().equalsIgnoreCase(jwtConfig.headerName())) {
            throw IdpErrors.invalidField(
                    "headerName", "must not be the header of the gateway proof (gatewayProof.headerName)");
        }
    }
}
