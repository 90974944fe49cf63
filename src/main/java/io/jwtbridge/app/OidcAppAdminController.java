package io.jwtbridge.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jwtbridge.app.OidcAppRequests.AddOidcAppRequest;
import io.jwtbridge.app.OidcAppRequests.ListAppsRequest;
import io.jwtbridge.app.OidcAppRequests.OidcConfig;
import io.jwtbridge.app.OidcAppTypes.AppType;
import io.jwtbridge.app.OidcAppTypes.AuthMethodType;
import io.jwtbridge.app.OidcAppTypes.GrantType;
import io.jwtbridge.app.OidcAppTypes.ResponseType;
import io.jwtbridge.app.OidcAppTypes.TokenType;
import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.web.Details;
import io.jwtbridge.web.ListDetails;
import io.jwtbridge.web.ListQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** OIDC applications (clients) with ZITADEL's names and enums. */
@RestController
@RequestMapping("/admin/v1/apps")
@Tag(name = "Applications", description = "OIDC applications that log users in through the bridge")
class OidcAppAdminController {

    private final OidcApps apps;
    private final AuditLog auditLog;

    OidcAppAdminController(OidcApps apps, AuditLog auditLog) {
        this.apps = apps;
        this.auditLog = auditLog;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AddOidcAppResponse(String appId, String clientId, String clientSecret, Details details) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChangeResponse(Details details, String clientSecret) {}

    record GetAppResponse(AppView app) {}

    record ListAppsResponse(ListDetails details, List<AppView> result) {}

    record AppView(String id, Details details, String state, String name, OidcConfigView oidcConfig) {}

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

    @PostMapping("/oidc")
    @Operation(summary = "Add an OIDC application; the client secret is shown only in this answer")
    AddOidcAppResponse add(@Valid @RequestBody AddOidcAppRequest request, Authentication admin) {
        OidcApps.Created created = apps.add(request.name(), request.config(), admin.getName());
        return new AddOidcAppResponse(
                created.app().id(), created.app().clientId(), created.clientSecret(), Details.created(created.event()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get an application")
    GetAppResponse get(@PathVariable String id) {
        return new GetAppResponse(view(apps.find(id).orElseThrow(OidcApps::notFound)));
    }

    @PostMapping("/_search")
    @Operation(summary = "List applications")
    ListAppsResponse search(@Valid @RequestBody(required = false) ListAppsRequest body) {
        ListQuery query = body == null || body.query() == null ? ListQuery.defaults() : body.query();
        String name = body == null || body.queries() == null
                ? null
                : body.queries().stream()
                        .filter(q -> q.nameQuery() != null && q.nameQuery().name() != null)
                        .map(q -> q.nameQuery().name())
                        .findFirst()
                        .orElse(null);
        long processed = auditLog.latestSequence();
        List<AppView> result =
                apps.search(name, query.offsetOrZero(), query.limitOrDefault(), query.ascending()).stream()
                        .map(this::view)
                        .toList();
        return new ListAppsResponse(ListDetails.of(apps.count(name), processed), result);
    }

    @PutMapping("/{id}/oidc_config")
    @Operation(summary = "Change an application's OIDC settings (the whole configuration)")
    ChangeResponse updateConfig(@PathVariable String id, @Valid @RequestBody OidcConfig config, Authentication admin) {
        OidcApps.Change change = apps.updateConfig(id, config, admin.getName());
        return new ChangeResponse(Details.changed(change.event()), change.clientSecret());
    }

    @PostMapping("/{id}/_generate_client_secret")
    @Operation(summary = "Replace an application's client secret; the new one is shown only in this answer")
    ChangeResponse generateSecret(@PathVariable String id, Authentication admin) {
        OidcApps.Change change = apps.generateSecret(id, admin.getName());
        return new ChangeResponse(Details.changed(change.event()), change.clientSecret());
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Remove an application and its grants")
    ChangeResponse remove(@PathVariable String id, Authentication admin) {
        return new ChangeResponse(Details.changed(apps.remove(id, admin.getName())), null);
    }

    private AppView view(OidcApp app) {
        return new AppView(
                app.id(),
                Details.read(app.sequence(), app.createdAt(), app.changedAt(), auditLog.instanceId()),
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
