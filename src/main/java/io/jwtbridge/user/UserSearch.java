package io.jwtbridge.user;

import io.jwtbridge.user.UserRequests.ListUsersRequest;
import io.jwtbridge.user.UserRequests.UserQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a ListUsers request into SQL: the first user name query matches exactly, the first email
 * query ignoring case, and both must hold.
 */
final class UserSearch {

    /** A SQL condition on {@code bridge_user} and its named parameters. */
    record Where(String sql, Map<String, Object> parameters) {}

    private UserSearch() {}

    static Where where(ListUsersRequest request) {
        List<UserQuery> queries = request == null || request.queries() == null ? List.of() : request.queries();
        String userName = first(
                queries,
                UserQuery::userNameQuery,
                query -> query.userNameQuery().userName());
        String email = first(
                queries, UserQuery::emailQuery, query -> query.emailQuery().emailAddress());
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (userName != null) {
            conditions.add("user_name = :userName");
            parameters.put("userName", userName);
        }
        if (email != null) {
            conditions.add("lower(email) = lower(:email)");
            parameters.put("email", email);
        }
        return new Where(conditions.isEmpty() ? "true" : String.join(" and ", conditions), parameters);
    }

    /** The value of the first query that holds the part; null when none does or its value is absent. */
    private static String first(
            List<UserQuery> queries, Function<UserQuery, Object> part, Function<UserQuery, String> value) {
        return queries.stream()
                .filter(query -> part.apply(query) != null)
                .findFirst()
                .map(value)
                .orElse(null);
    }
}
