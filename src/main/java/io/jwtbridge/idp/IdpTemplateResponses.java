package io.jwtbridge.idp;

import io.jwtbridge.idp.IdpResponses.JwtConfigView;
import io.jwtbridge.web.Details;
import io.jwtbridge.web.ListDetails;
import java.util.List;

/** The answers of ZITADEL's IdP templates API and of {@code GET /v2/idps/{id}} (docs/admin-api.md). */
final class IdpTemplateResponses {

    static final String TYPE_JWT = "IDP_TYPE_JWT";

    private IdpTemplateResponses() {}

    record AddJwtProviderResponse(String id, Details details) {}

    record GetProviderResponse(ProviderView idp) {}

    record ListProvidersResponse(ListDetails details, List<ProviderView> result) {}

    record ProviderView(
            String id,
            Details details,
            IdpState state,
            String name,
            String type,
            ProviderConfig config,
            TokenPolicyBody policy) {

        static ProviderView of(JwtIdp idp, String resourceOwner) {
            JwtConfig jwt = idp.jwtConfig();
            ProviderOptions options = idp.options();
            return new ProviderView(
                    idp.getId(),
                    Details.read(idp.sequence(), idp.createdAt(), idp.changedAt(), resourceOwner),
                    idp.state(),
                    idp.name(),
                    TYPE_JWT,
                    new ProviderConfig(
                            new OptionsView(
                                    options.linkingAllowed(),
                                    options.creationAllowed(),
                                    options.autoCreation(),
                                    options.autoUpdate(),
                                    options.autoLinking()),
                            new JwtConfigView(
                                    jwt.jwtEndpoint(),
                                    jwt.issuer(),
                                    jwt.keysEndpoint(),
                                    jwt.headerName(),
                                    jwt.audience())),
                    TokenPolicyBody.of(idp.policy()));
        }
    }

    record ProviderConfig(OptionsView options, JwtConfigView jwt) {}

    record OptionsView(
            Boolean isLinkingAllowed,
            Boolean isCreationAllowed,
            Boolean isAutoCreation,
            Boolean isAutoUpdate,
            AutoLinkingOption autoLinking) {}
}
