package io.jwtbridge.user;

import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.web.Details;
import io.jwtbridge.web.ListDetails;
import io.jwtbridge.web.ListQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.core.Authentication;
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
    private final AuditLog auditLog;

    UserAdminController(Users users, UserAdministration administration, AuditLog auditLog) {
        this.users = users;
        this.administration = administration;
        this.auditLog = auditLog;
    }

    record ListUsersRequest(@Valid ListQuery query, List<@Valid @NotNull UserQuery> queries) {}

    record UserQuery(
            @Valid UserNameQuery userNameQuery, @Valid EmailQuery emailQuery) {}

    record UserNameQuery(@Size(max = 200) String userName) {}

    record EmailQuery(@Size(max = 200) String emailAddress) {}

    record ListLinksRequest(@Valid ListQuery query) {}

    record Profile(String givenName, String familyName, String displayName, String preferredLanguage) {}

    record Email(String email, boolean isEmailVerified) {}

    record UserView(String id, Details details, String state, String userName, Profile profile, Email email) {

        static UserView of(User user, String resourceOwner) {
            return new UserView(
                    user.id(),
                    Details.read(user.sequence(), user.createdAt(), user.changedAt(), resourceOwner),
                    user.state(),
                    user.userName(),
                    new Profile(user.givenName(), user.familyName(), user.displayName(), user.preferredLanguage()),
                    new Email(user.email(), user.emailVerified()));
        }
    }

    record LinkView(String idpId, String userId, String externalUserId, String providedUserName, Details details) {}

    record GetUserResponse(UserView user) {}

    record ListUsersResponse(ListDetails details, List<UserView> result) {}

    record ListLinksResponse(ListDetails details, List<LinkView> result) {}

    record ChangeResponse(Details details) {}

    @PostMapping("/_search")
    @Operation(summary = "List users (userNameQuery and emailQuery match exactly; email ignores case)")
    ListUsersResponse search(@Valid @RequestBody(required = false) ListUsersRequest body) {
        ListQuery query = body == null || body.query() == null ? ListQuery.defaults() : body.query();
        List<UserQuery> queries = body == null || body.queries() == null ? List.of() : body.queries();
        String userName = queries.stream()
                .filter(q -> q.userNameQuery() != null)
                .map(q -> q.userNameQuery().userName())
                .findFirst()
                .orElse(null);
        String email = queries.stream()
                .filter(q -> q.emailQuery() != null)
                .map(q -> q.emailQuery().emailAddress())
                .findFirst()
                .orElse(null);
        long processed = auditLog.latestSequence();
        List<UserView> result =
                administration
                        .search(userName, email, query.offsetOrZero(), query.limitOrDefault(), query.ascending())
                        .stream()
                        .map(user -> UserView.of(user, auditLog.instanceId()))
                        .toList();
        return new ListUsersResponse(ListDetails.of(administration.count(userName, email), processed), result);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a user")
    GetUserResponse get(@PathVariable String id) {
        return new GetUserResponse(
                UserView.of(users.find(id).orElseThrow(UserAdministration::notFound), auditLog.instanceId()));
    }

    @PostMapping("/{id}/links/_search")
    @Operation(summary = "List a user's IdP links")
    ListLinksResponse links(@PathVariable String id, @Valid @RequestBody(required = false) ListLinksRequest body) {
        users.find(id).orElseThrow(UserAdministration::notFound);
        ListQuery query = body == null || body.query() == null ? ListQuery.defaults() : body.query();
        List<UserAdministration.Link> all = new java.util.ArrayList<>(administration.links(id));
        if (!query.ascending()) {
            java.util.Collections.reverse(all);
        }
        List<LinkView> result = all.stream()
                .skip(query.offsetOrZero())
                .limit(query.limitOrDefault())
                .map(link -> new LinkView(
                        link.idpId(),
                        link.userId(),
                        link.externalUserId(),
                        link.providedUserName(),
                        Details.read(link.sequence(), link.createdAt(), link.createdAt(), auditLog.instanceId())))
                .toList();
        return new ListLinksResponse(ListDetails.of(all.size(), auditLog.latestSequence()), result);
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
