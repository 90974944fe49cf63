package io.jwtbridge.idp;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jwtbridge.web.Details;
import io.jwtbridge.web.ListDetails;
import java.util.List;

/** The answers of the IdP admin API, in ZITADEL's v1 shapes. */
final class IdpResponses {

    private IdpResponses() {}

    record AddJwtIdpResponse(Details details, String idpId) {}

    record ChangeResponse(Details details) {}

    record GetIdpResponse(IdpView idp) {}

    record ListIdpsResponse(ListDetails details, IdpRequests.IdpFieldName sortingColumn, List<IdpView> result) {}

    record IdpView(
            String id,
            Details details,
            IdpState state,
            String name,
            StylingType stylingType,
            String owner,
            JwtConfigView jwtConfig,
            boolean autoRegister,
            GatewayProofView gatewayProof,
            TokenPolicyBody policy) {

        static IdpView of(JwtIdp idp, String resourceOwner) {
            JwtConfig config = idp.jwtConfig();
            return new IdpView(
                    idp.getId(),
                    Details.read(idp.sequence(), idp.createdAt(), idp.changedAt(), resourceOwner),
                    idp.state(),
                    idp.name(),
                    idp.stylingType(),
                    "IDP_OWNER_TYPE_SYSTEM",
                    new JwtConfigView(
                            config.jwtEndpoint(),
                            config.issuer(),
                            config.keysEndpoint(),
                            config.headerName(),
                            config.audience()),
                    idp.autoRegister(),
                    GatewayProofView.of(idp.gatewayProof()),
                    TokenPolicyBody.of(idp.policy()));
        }
    }

    /** {@code audience} is the bridge's extension, left out when unset. */
    record JwtConfigView(
            String jwtEndpoint,
            String issuer,
            String keysEndpoint,
            String headerName,
            @JsonInclude(JsonInclude.Include.NON_NULL) String audience) {}

    /** The bridge's extension: whether a secret is set, never the secret or its hash. */
    record GatewayProofView(
            @JsonInclude(JsonInclude.Include.NON_NULL) String headerName,
            boolean secretSet,
            List<String> allowedNetworks) {

        static GatewayProofView of(GatewayProof proof) {
            return new GatewayProofView(
                    proof.headerName(),
                    proof.secretSet(),
                    proof.allowedNetworks().stream().map(Object::toString).toList());
        }
    }
}
