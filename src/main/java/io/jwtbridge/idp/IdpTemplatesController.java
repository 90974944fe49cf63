package io.jwtbridge.idp;

import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.idp.IdpRequests.ListIdpsRequest;
import io.jwtbridge.idp.IdpResponses.ChangeResponse;
import io.jwtbridge.idp.IdpTemplateRequests.AddJwtProviderRequest;
import io.jwtbridge.idp.IdpTemplateRequests.ListProvidersRequest;
import io.jwtbridge.idp.IdpTemplateRequests.ProviderOptionsBody;
import io.jwtbridge.idp.IdpTemplateRequests.UpdateJwtProviderRequest;
import io.jwtbridge.idp.IdpTemplateResponses.AddJwtProviderResponse;
import io.jwtbridge.idp.IdpTemplateResponses.GetProviderResponse;
import io.jwtbridge.idp.IdpTemplateResponses.ListProvidersResponse;
import io.jwtbridge.idp.IdpTemplateResponses.ProviderView;
import io.jwtbridge.web.Details;
import io.jwtbridge.web.ListDetails;
import io.jwtbridge.web.ListQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * ZITADEL's current IdP API ("templates", docs/admin-api.md) at instance ({@code /admin/v1}) and
 * organisation ({@code /management/v1}) level, and the v2 read: other views of the same IdPs as
 * {@link IdpAdminController}. This bridge has one organisation, so {@code x-zitadel-orgid} is
 * accepted and ignored.
 */
@RestController
@Tag(name = "Identity provider templates", description = "ZITADEL's current IdP API: generic JWT providers")
class IdpTemplatesController {

    static final String ORG_HEADER = "x-zitadel-orgid";
    private static final String ORG_HEADER_DOC = "accepted and ignored: the bridge has one organisation";

    private final IdpService idps;
    private final JwtIdps repository;
    private final AuditLog auditLog;

    IdpTemplatesController(IdpService idps, JwtIdps repository, AuditLog auditLog) {
        this.idps = idps;
        this.repository = repository;
        this.auditLog = auditLog;
    }

    @PostMapping({"/admin/v1/idps/generic_jwt", "/management/v1/idps/generic_jwt"})
    @Operation(summary = "Add a generic JWT IdP with provider options (AddJWTProvider)")
    AddJwtProviderResponse addJwtProvider(
            @Valid @RequestBody AddJwtProviderRequest request,
            @Parameter(description = ORG_HEADER_DOC) @RequestHeader(name = ORG_HEADER, required = false) String org,
            Authentication admin) {
        IdpService.Change change = idps.addJwtProvider(
                request.provider().name(),
                request.provider().jwtConfig(),
                ProviderOptionsBody.of(request.provider().providerOptions()),
                request.policy(),
                admin.getName());
        return new AddJwtProviderResponse(change.idp().getId(), Details.created(change.event()));
    }

    @PutMapping({"/admin/v1/idps/generic_jwt/{id}", "/management/v1/idps/generic_jwt/{id}"})
    @Operation(summary = "Change a generic JWT IdP, whole (UpdateJWTProvider); its styling is kept")
    ChangeResponse updateJwtProvider(
            @PathVariable String id,
            @Valid @RequestBody UpdateJwtProviderRequest request,
            @Parameter(description = ORG_HEADER_DOC) @RequestHeader(name = ORG_HEADER, required = false) String org,
            Authentication admin) {
        IdpService.Change change = idps.updateJwtProvider(
                id,
                request.provider().name(),
                request.provider().jwtConfig(),
                ProviderOptionsBody.of(request.provider().providerOptions()),
                admin.getName());
        return new ChangeResponse(Details.changed(change.event()));
    }

    @GetMapping({"/admin/v1/idps/templates/{id}", "/management/v1/idps/templates/{id}", "/v2/idps/{id}"})
    @Operation(summary = "Get an IdP as a template (GetProviderByID, v2 GetIDPByID)")
    GetProviderResponse getProvider(
            @PathVariable String id,
            @Parameter(description = ORG_HEADER_DOC) @RequestHeader(name = ORG_HEADER, required = false) String org) {
        JwtIdp idp = idps.get(id);
        return new GetProviderResponse(ProviderView.of(idp, auditLog.instanceId()));
    }

    @PostMapping({"/admin/v1/idps/templates/_search", "/management/v1/idps/templates/_search"})
    @Operation(summary = "List IdPs as templates (ListProviders)")
    @Transactional(readOnly = true)
    ListProvidersResponse listProviders(
            @Valid @RequestBody(required = false) ListProvidersRequest body,
            @Parameter(description = ORG_HEADER_DOC) @RequestHeader(name = ORG_HEADER, required = false) String org) {
        ListProvidersRequest request = body == null ? new ListProvidersRequest(null, null) : body;
        ListQuery query = request.query() == null ? ListQuery.defaults() : request.query();
        ListIdpsRequest search = new ListIdpsRequest(query, null, request.queries());
        long processed = auditLog.latestSequence();
        IdpSearch.Where where = IdpSearch.where(search);
        long total = repository.count(where);
        List<ProviderView> page =
                repository
                        .page(where, IdpSearch.orderBy(search, query), query.offsetOrZero(), query.limitOrDefault())
                        .stream()
                        .map(idp -> ProviderView.of(idp, auditLog.instanceId()))
                        .toList();
        return new ListProvidersResponse(ListDetails.of(total, processed), page);
    }

    @DeleteMapping({"/admin/v1/idps/templates/{id}", "/management/v1/idps/templates/{id}"})
    @Operation(summary = "Remove an IdP and its user links (DeleteProvider)")
    ChangeResponse deleteProvider(
            @PathVariable String id,
            @Parameter(description = ORG_HEADER_DOC) @RequestHeader(name = ORG_HEADER, required = false) String org,
            Authentication admin) {
        return new ChangeResponse(Details.changed(idps.remove(id, admin.getName())));
    }
}
