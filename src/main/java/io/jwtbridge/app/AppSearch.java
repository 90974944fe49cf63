package io.jwtbridge.app;

import io.jwtbridge.app.OidcAppRequests.AppQuery;
import io.jwtbridge.app.OidcAppRequests.ListAppsRequest;
import io.jwtbridge.web.SqlLike;
import java.util.List;
import java.util.Map;

/** Turns a ListApps request into SQL: the first name query matches part of the name, ignoring case. */
final class AppSearch {

    /** A SQL condition on {@code oidc_app} and its named parameters. */
    record Where(String sql, Map<String, Object> parameters) {}

    private AppSearch() {}

    static Where where(ListAppsRequest request) {
        List<AppQuery> queries = request == null || request.queries() == null ? List.of() : request.queries();
        return queries.stream()
                .filter(query -> query.nameQuery() != null && query.nameQuery().name() != null)
                .map(query -> query.nameQuery().name())
                .findFirst()
                .map(name ->
                        new Where("name ilike :name", Map.<String, Object>of("name", "%" + SqlLike.escape(name) + "%")))
                .orElse(new Where("true", Map.of()));
    }
}
