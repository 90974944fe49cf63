package io.jwtbridge.user;

import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.user.UserRequests.ListLinksRequest;
import io.jwtbridge.user.UserRequests.ListUsersRequest;
import io.jwtbridge.user.UserResponses.ChangeResponse;
import io.jwtbridge.user.UserResponses.GetUserResponse;
import io.jwtbridge.user.UserResponses.LinkView;
import io.jwtbridge.user.UserResponses.ListLinksResponse;
import io.jwtbridge.user.UserResponses.ListUsersResponse;
import io.jwtbridge.user.UserResponses.UserView;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users and their IdP links, in ZITADEL's shapes. */
@RestController
@RequestMapping("/admin/v1/users")
@Tag(name = "Users", description = "Users signed in through JWT IdPs, and their links")
class UserAdminController {

    private final Users users;
    private final UserAdministration administration;
    private final UserAdminRepository repository;
    private final AuditLog auditLog;

    UserAdminController(
            Users users, UserAdministration administration, UserAdminRepository repository, AuditLog auditLog) {
        this.users = users;
        this.administration = administration;
        this.repository = repository;
        this.auditLog = auditLog;
    }

    @PostMapping("/_search")
    @Operation(summary = "List users (userNameQuery and emailQuery match exactly; email ignores case)")
    @Transactional(readOnly = true)
    ListUsersResponse search(@Valid @RequestBody(required = false) ListUsersRequest body) {
        Paging paging = Paging.of(body == null ? null : body.query());
        long processed = auditLog.latestSequence();
        UserSearch.Where where = UserSearch.where(body);
        List<UserView> result = repository.page(where, paging).stream()
                .map(user -> UserView.of(user, auditLog.instanceId()))
                .toList();
        return new ListUsersResponse(paging.details(repository.count(where), processed), result);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a user")
    GetUserResponse get(@PathVariable String id) {
        return new GetUserResponse(
                UserView.of(users.find(id).orElseThrow(UserAdministration::notFound), auditLog.instanceId()));
    }

    @PostMapping("/{id}/links/_search")
    @Operation(summary = "List a user's IdP links")
    @Transactional(readOnly = true)
    ListLinksResponse links(@PathVariable String id, @Valid @RequestBody(required = false) ListLinksRequest body) {
        users.find(id).orElseThrow(UserAdministration::notFound);
        Paging paging = Paging.of(body == null ? null : body.query());
        List<UserAdminRepository.Link> all = repository.links(id);
        List<LinkView> result = paging.page(all).stream()
                .map(link -> LinkView.of(link, auditLog.instanceId()))
                .toList();
        return new ListLinksResponse(paging.details(all.size(), auditLog.latestSequence()), result);
    }

    @DeleteMapping("/{id}/links/{idpId}/{externalUserId}")
    @Operation(summary = "Remove a link: the next login with that identity registers or is refused anew")
    ChangeResponse removeLink(
            @PathVariable String id,
            @PathVariable String idpId,
            @PathVariable String externalUserId,
            Authentication admin) {
        return new ChangeResponse(
                Details.changed(administration.removeLink(id, idpId, externalUserId, admin.getName())));
    }

    @PostMapping("/{id}/_deactivate")
    @Operation(summary = "Deactivate a user: logins are refused")
    ChangeResponse deactivate(@PathVariable String id, Authentication admin) {
        return new ChangeResponse(Details.changed(administration.changeState(id, false, admin.getName())));
    }

    @PostMapping("/{id}/_reactivate")
    @Operation(summary = "Reactivate a user")
    ChangeResponse reactivate(@PathVariable String id, Authentication admin) {
        return new ChangeResponse(Details.changed(administration.changeState(id, true, admin.getName())));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Remove a user and its links")
    ChangeResponse remove(@PathVariable String id, Authentication admin) {
        return new ChangeResponse(Details.changed(administration.remove(id, admin.getName())));
    }
}
