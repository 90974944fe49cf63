package io.jwtbridge.app;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.jwtbridge.app.OidcAppTypes.AppType;
import io.jwtbridge.app.OidcAppTypes.AuthMethodType;
import io.jwtbridge.app.OidcAppTypes.GrantType;
import io.jwtbridge.app.OidcAppTypes.TokenType;
import io.jwtbridge.web.ListQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

final class OidcAppRequests {

    static final String REQUIRED = "value is required";
    static final String LENGTH = "value length must be between 1 and 200 runes, inclusive";
    static final String URI_LENGTH = "value length must be between 1 and 1000 runes, inclusive";

    private OidcAppRequests() {}

    /** The OIDC settings of an app; absent members take ZITADEL's defaults. */
    record OidcConfig(
            @NotEmpty(message = "at least one redirect URI is required") @Size(max = 20, message = "at most 20 URIs")
            List<@NotBlank(message = REQUIRED) @Size(max = 1000, message = URI_LENGTH) String> redirectUris,

            @Size(max = 20, message = "at most 20 URIs")
            List<@NotBlank(message = REQUIRED) @Size(max = 1000, message = URI_LENGTH) String> postLogoutRedirectUris,

            AppType appType,
            AuthMethodType authMethodType,

            @Size(max = 4, message = "at most 4 grant types")
            List<@NotNull GrantType> grantTypes,

            TokenType accessTokenType,

            @Size(max = 50, message = "at most 50 IdPs")
            List<@NotNull(message = REQUIRED) @Pattern(regexp = "[0-9]{1,19}", message = "must be an IdP id") String>
                    allowedIdpIds) {}

    /** An app's name and its OIDC settings, whose members sit beside the name in the JSON body. */
    record AddOidcAppRequest(
            @NotBlank(message = REQUIRED) @Size(max = 200, message = LENGTH)
            String name,

            @JsonUnwrapped @Valid OidcConfig config) {}

    record ListAppsRequest(@Valid ListQuery query, List<@Valid @NotNull AppQuery> queries) {}

    record AppQuery(@Valid AppNameQuery nameQuery) {}

    record AppNameQuery(@Size(max = 200, message = LENGTH) String name) {}
}
