package io.jwtbridge.user;

import io.jwtbridge.web.ListQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The request bodies of the users admin API, in ZITADEL's shapes. */
final class UserRequests {

    private UserRequests() {}

    record ListUsersRequest(@Valid ListQuery query, List<@Valid @NotNull UserQuery> queries) {}

    record UserQuery(
            @Valid UserNameQuery userNameQuery, @Valid EmailQuery emailQuery) {}

    record UserNameQuery(@Size(max = 200) String userName) {}

    record EmailQuery(@Size(max = 200) String emailAddress) {}

    record ListLinksRequest(@Valid ListQuery query) {}
}
