package io.jwtbridge.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jwtbridge.app.OidcAppTypes.AppType;
import io.jwtbridge.app.OidcAppTypes.AuthMethodType;
import io.jwtbridge.app.OidcAppTypes.GrantType;
import io.jwtbridge.app.OidcAppTypes.ResponseType;
import io.jwtbridge.app.OidcAppTypes.TokenType;
import io.jwtbridge.web.Details;
import io.jwtbridge.web.ListDetails;
import java.util.List;

/** The answers of the apps admin API, in ZITADEL's shapes; a client secret appears only where it is new. */
final class OidcAppResponses {

    private OidcAppResponses() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AddOidcAppResponse(String appId, String clientId, String clientSecret, Details details) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChangeResponse(Details details, String clientSecret) {}

    record GetAppResponse(AppView app) {}

    record ListAppsResponse(ListDetails details, List<AppView> result) {}

    record AppView(String id, Details details, String state, String name, OidcConfigView oidcConfig) {

        static AppView of(OidcApp app, String resourceOwner) {
            return new AppView(
                    app.id(),
                    Details.read(app.sequence(), app.createdAt(), app.changedAt(), resourceOwner),
                    "APP_STATE_ACTIVE",
                    app.name(),
                    new OidcConfigView(
                            app.clientId(),
                            app.redirectUris(),
                            List.of(ResponseType.OIDC_RESPONSE_TYPE_CODE),
                            app.grantTypes(),
                            app.appType(),
                            app.authMethodType(),
                            app.postLogoutRedirectUris(),
                            app.accessTokenType(),
                            app.allowedIdpIds()));
        }
    }

    record OidcConfigView(
            String clientId,
            List<String> redirectUris,
            List<ResponseType> responseTypes,
            List<GrantType> grantTypes,
            AppType appType,
            AuthMethodType authMethodType,
            List<String> postLogoutRedirectUris,
            TokenType accessTokenType,
            List<String> allowedIdpIds) {}
}
