package io.jwtbridge.idp;

import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.idp.IdpRequests.AddJwtIdpRequest;
import io.jwtbridge.idp.IdpRequests.IdpFieldName;
import io.jwtbridge.idp.IdpRequests.ListIdpsRequest;
import io.jwtbridge.idp.IdpRequests.SetGatewayProofRequest;
import io.jwtbridge.idp.IdpRequests.UpdateIdpJwtConfigRequest;
import io.jwtbridge.idp.IdpRequests.UpdateIdpRequest;
import io.jwtbridge.idp.IdpResponses.AddJwtIdpResponse;
import io.jwtbridge.idp.IdpResponses.ChangeResponse;
import io.jwtbridge.idp.IdpResponses.GetIdpResponse;
import io.jwtbridge.idp.IdpResponses.IdpView;
import io.jwtbridge.idp.IdpResponses.ListIdpsResponse;
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

/** ZITADEL's admin API v1 for JWT IdPs. */
@RestController
@RequestMapping("/admin/v1/idps")
@Tag(name = "Identity providers", description = "JWT identity providers (ZITADEL admin API v1)")
class IdpAdminController {

    private final IdpService idps;
    private final JwtIdps repository;
    private final AuditLog auditLog;
    private final TokenPolicyService policies;

    IdpAdminController(IdpService idps, JwtIdps repository, AuditLog auditLog, TokenPolicyService policies) {
        this.idps = idps;
        this.policies = policies;
        this.repository = repository;
        this.auditLog = auditLog;
    }

    @PostMapping("/jwt")
    @Operation(summary = "Add a JWT IdP")
    AddJwtIdpResponse addJwtIdp(@Valid @RequestBody AddJwtIdpRequest request, Authentication admin) {
        IdpService.Change change = idps.addJwtIdp(
                request.name(),
                stylingOf(request.stylingType()),
                request.jwtConfig(),
                Boolean.TRUE.equals(request.autoRegister()),
                request.policy(),
                admin.getName());
        return new AddJwtIdpResponse(
                Details.created(change.event()), change.idp().getId());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get an IdP by its id")
    GetIdpResponse getIdp(@PathVariable String id) {
        JwtIdp idp = idps.get(id);
        return new GetIdpResponse(IdpView.of(idp, auditLog.instanceId()));
    }

    @PostMapping("/_search")
    @Operation(summary = "List IdPs")
    @Transactional(readOnly = true)
    ListIdpsResponse listIdps(@Valid @RequestBody(required = false) ListIdpsRequest body) {
        ListIdpsRequest request = body == null ? new ListIdpsRequest(null, null, null) : body;
        Paging paging = Paging.of(request.query());
        long processed = auditLog.latestSequence();
        IdpSearch.Where where = IdpSearch.where(request);
        long total = repository.count(where);
        List<IdpView> page =
                repository
                        .page(where, IdpSearch.orderBy(request, paging.query()), paging.offset(), paging.limit())
                        .stream()
                        .map(idp -> IdpView.of(idp, auditLog.instanceId()))
                        .toList();
        IdpFieldName sorting =
                request.sortingColumn() == null ? IdpFieldName.IDP_FIELD_NAME_UNSPECIFIED : request.sortingColumn();
        return new ListIdpsResponse(paging.details(total, processed), sorting, page);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change an IdP's name, styling and auto-registration")
    ChangeResponse updateIdp(
            @PathVariable String id, @Valid @RequestBody UpdateIdpRequest request, Authentication admin) {
        IdpService.Change change = idps.updateIdp(
                id,
                request.name(),
                stylingOf(request.stylingType()),
                Boolean.TRUE.equals(request.autoRegister()),
                admin.getName());
        return new ChangeResponse(Details.changed(change.event()));
    }

    @PutMapping("/{id}/jwt_config")
    @Operation(summary = "Change an IdP's JWT configuration")
    ChangeResponse updateJwtConfig(
            @PathVariable String id, @Valid @RequestBody UpdateIdpJwtConfigRequest request, Authentication admin) {
        return new ChangeResponse(Details.changed(
                idps.updateJwtConfig(id, request.jwtConfig(), admin.getName()).event()));
    }

    @PutMapping("/{id}/gateway_proof")
    @Operation(
            summary = "Set the proof that the JWT handler's caller is the IdP's gateway (an extension)",
            description = "Whole: a secret the gateway sends in the header headerName (default x-gateway-secret),"
                    + " and/or the networks (CIDRs) it calls from. Absent or empty parts are off. The secret is"
                    + " write-only: a GET shows only gatewayProof.secretSet.")
    ChangeResponse changeGatewayProof(
            @PathVariable String id, @Valid @RequestBody SetGatewayProofRequest request, Authentication admin) {
        return new ChangeResponse(Details.changed(idps.changeGatewayProof(
                        id, request.headerName(), request.secret(), request.allowedNetworks(), admin.getName())
                .event()));
    }

    @PutMapping("/{id}/policy")
    @Operation(
            summary = "Set an IdP's token policy, whole (an extension)",
            description = "Token sources, key source, algorithms, audiences, clock skew, maximum age, jti one-time"
                    + " use, required claims, signer, claim mapping and a gateway preset; an absent field is its"
                    + " default (docs/admin-api.md#token-policy).")
    ChangeResponse changePolicy(@PathVariable String id, @RequestBody TokenPolicyBody request, Authentication admin) {
        return new ChangeResponse(
                Details.changed(policies.change(id, request, admin.getName()).event()));
    }

    @PostMapping("/{id}/_deactivate")
    @Operation(summary = "Deactivate an IdP: it refuses logins until reactivated")
    ChangeResponse deactivate(@PathVariable String id, Authentication admin) {
        return new ChangeResponse(
                Details.changed(idps.deactivate(id, admin.getName()).event()));
    }

    @PostMapping("/{id}/_reactivate")
    @Operation(summary = "Reactivate an IdP")
    ChangeResponse reactivate(@PathVariable String id, Authentication admin) {
        return new ChangeResponse(
                Details.changed(idps.reactivate(id, admin.getName()).event()));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Remove an IdP and its user links")
    ChangeResponse remove(@PathVariable String id, Authentication admin) {
        return new ChangeResponse(Details.changed(idps.remove(id, admin.getName())));
    }

    private static StylingType stylingOf(StylingType requested) {
        return requested == null ? StylingType.STYLING_TYPE_UNSPECIFIED : requested;
    }
}
