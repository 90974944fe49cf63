package io.jwtbridge.idp;

import static io.jwtbridge.idp.IdpRequests.HEADER_NAME;
import static io.jwtbridge.idp.IdpRequests.HEADER_PATTERN;
import static io.jwtbridge.idp.IdpRequests.LENGTH;
import static io.jwtbridge.idp.IdpRequests.REQUIRED;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.jwtbridge.idp.IdpRequests.IdpQuery;
import io.jwtbridge.web.ListQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The request bodies of ZITADEL's IdP templates API (docs/admin-api.md), with its names and limits. */
final class IdpTemplateRequests {

    private IdpTemplateRequests() {}

    /** A JWT provider's members, the same on add and on update (whole: an absent option is false). */
    record JwtProvider(
            @NotBlank(message = REQUIRED) @Size(max = 200, message = LENGTH)
            String name,

            @NotBlank(message = REQUIRED) @Size(max = 200, message = LENGTH)
            String issuer,

            @NotBlank(message = REQUIRED) @Size(max = 200, message = LENGTH)
            String jwtEndpoint,

            @NotBlank(message = REQUIRED) @Size(max = 200, message = LENGTH)
            String keysEndpoint,

            @Size(max = 200, message = LENGTH) @Pattern(regexp = HEADER_PATTERN, message = HEADER_NAME)
            String headerName,

            @Valid ProviderOptionsBody providerOptions) {

        JwtConfig jwtConfig() {
            return new JwtConfig(jwtEndpoint, issuer, keysEndpoint, headerName);
        }
    }

    /** ZITADEL's AddJWTProvider, with the bridge's optional token {@code policy}. */
    record AddJwtProviderRequest(@JsonUnwrapped @Valid JwtProvider provider, TokenPolicyBody policy) {}

    /** ZITADEL's UpdateJWTProvider: the whole provider; its token policy is kept. */
    record UpdateJwtProviderRequest(@JsonUnwrapped @Valid JwtProvider provider) {}

    /** ZITADEL's {@code providerOptions}; every member defaults to false / unspecified. */
    record ProviderOptionsBody(
            Boolean isLinkingAllowed,
            Boolean isCreationAllowed,
            Boolean isAutoCreation,
            Boolean isAutoUpdate,
            AutoLinkingOption autoLinking) {

        static ProviderOptions of(ProviderOptionsBody body) {
            if (body == null) {
                return new ProviderOptions(false, false, false, false, null);
            }
            return new ProviderOptions(
                    Boolean.TRUE.equals(body.isLinkingAllowed()),
                    Boolean.TRUE.equals(body.isCreationAllowed()),
                    Boolean.TRUE.equals(body.isAutoCreation()),
                    Boolean.TRUE.equals(body.isAutoUpdate()),
                    body.autoLinking());
        }
    }

    record ListProvidersRequest(@Valid ListQuery query, List<@Valid @NotNull IdpQuery> queries) {}
}
