package io.jwtbridge.app;

import io.jwtbridge.app.OidcAppRequests.AddOidcAppRequest;
import io.jwtbridge.app.OidcAppRequests.ListAppsRequest;
import io.jwtbridge.app.OidcAppRequests.OidcConfig;
import io.jwtbridge.app.OidcAppResponses.AddOidcAppResponse;
import io.jwtbridge.app.OidcAppResponses.AppView;
import io.jwtbridge.app.OidcAppResponses.ChangeResponse;
import io.jwtbridge.app.OidcAppResponses.GetAppResponse;
import io.jwtbridge.app.OidcAppResponses.ListAppsResponse;
import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.web.Details;
import io.jwtbridge.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
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

    private final OidcAppService apps;
    private final OidcApps repository;
    private final AuditLog auditLog;

    OidcAppAdminController(OidcAppService apps, OidcApps repository, AuditLog auditLog) {
        this.apps = apps;
        this.repository = repository;
        this.auditLog = auditLog;
    }

    @PostMapping("/oidc")
    @Operation(summary = "Add an OIDC application; the client secret is shown only in this answer")
    AddOidcAppResponse add(@Valid @RequestBody AddOidcAppRequest request, Authentication admin) {
        OidcAppService.Created created = apps.add(request.name(), request.config(), admin.getName());
        return new AddOidcAppResponse(
                created.app().id(), created.app().clientId(), created.clientSecret(), Details.created(created.event()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get an application")
    GetAppResponse get(@PathVariable String id) {
        return new GetAppResponse(
                AppView.of(apps.find(id).orElseThrow(OidcAppService::notFound), auditLog.instanceId()));
    }

    @PostMapping("/_search")
    @Operation(summary = "List applications")
    @Transactional(readOnly = true)
    ListAppsResponse search(@Valid @RequestBody(required = false) ListAppsRequest body) {
        Paging paging = Paging.of(body == null ? null : body.query());
        long processed = auditLog.latestSequence();
        AppSearch.Where where = AppSearch.where(body);
        List<AppView> result = repository.page(where, paging).stream()
                .map(app -> AppView.of(app, auditLog.instanceId()))
                .toList();
        return new ListAppsResponse(paging.details(repository.count(where), processed), result);
    }

    @PutMapping("/{id}/oidc_config")
    @Operation(summary = "Change an application's OIDC settings (the whole configuration)")
    ChangeResponse updateConfig(@PathVariable String id, @Valid @RequestBody OidcConfig config, Authentication admin) {
        OidcAppService.Change change = apps.updateConfig(id, config, admin.getName());
        return new ChangeResponse(Details.changed(change.event()), change.clientSecret());
    }

    @PostMapping("/{id}/_generate_client_secret")
    @Operation(summary = "Replace an application's client secret; the new one is shown only in this answer")
    ChangeResponse generateSecret(@PathVariable String id, Authentication admin) {
        OidcAppService.Change change = apps.generateSecret(id, admin.getName());
        return new ChangeResponse(Details.changed(change.event()), change.clientSecret());
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Remove an application and its grants")
    ChangeResponse remove(@PathVariable String id, Authentication admin) {
        return new ChangeResponse(Details.changed(apps.remove(id, admin.getName())), null);
    }
}
