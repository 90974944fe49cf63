package io.jwtbridge.idp;

import io.jwtbridge.idp.IdpRequests.AddJwtIdpRequest;
import io.jwtbridge.idp.IdpResponses.AddJwtIdpResponse;
import io.jwtbridge.web.Details;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organisation-level spelling of ZITADEL's deprecated AddJWTIDP: the same call as
 * {@code POST /admin/v1/idps/jwt}, with the same body, answer and rules.
 */
@RestController
@Tag(name = "Identity providers", description = "JWT identity providers (ZITADEL admin API v1)")
class IdpManagementController {

    private final IdpService idps;

    IdpManagementController(IdpService idps) {
        this.idps = idps;
    }

    @PostMapping("/management/v1/idps/jwt")
    @Operation(summary = "Add a JWT IdP (organisation-level AddOrgJWTIDP; the same as /admin/v1/idps/jwt)")
    AddJwtIdpResponse addJwtIdp(
            @Valid @RequestBody AddJwtIdpRequest request,
            @Parameter(description = "accepted and ignored: the bridge has one organisation")
                    @RequestHeader(name = IdpTemplatesController.ORG_HEADER, required = false)
                    String org,
            Authentication editor) {
        IdpService.Change change = idps.addJwtIdp(
                request.name(),
                request.stylingType() == null ? StylingType.STYLING_TYPE_UNSPECIFIED : request.stylingType(),
                request.jwtConfig(),
                Boolean.TRUE.equals(request.autoRegister()),
                request.policy(),
                editor.getName());
        return new AddJwtIdpResponse(
                Details.created(change.event()), change.idp().getId());
    }
}
