package io.jwtbridge.idp;

import io.jwtbridge.idp.IdpRequests.IdpFieldName;
import io.jwtbridge.idp.IdpRequests.IdpQuery;
import io.jwtbridge.idp.IdpRequests.ListIdpsRequest;
import io.jwtbridge.idp.IdpRequests.TextQueryMethod;
import io.jwtbridge.web.ApiException;
import io.jwtbridge.web.ListQuery;
import io.jwtbridge.web.SqlLike;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Turns ZITADEL's ListIDPs request into SQL: every condition must hold (AND). */
final class IdpSearch {

    /** A SQL condition on {@code jwt_idp} and its named parameters. */
    record Where(String sql, Map<String, Object> parameters) {}

    private IdpSearch() {}

    static Where where(ListIdpsRequest request) {
        List<IdpQuery> queries = request.queries() == null ? List.of() : request.queries();
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        for (IdpQuery query : queries) {
            String parameter = "p" + parameters.size();
            conditions.add(condition(query, parameter, parameters));
        }
        return new Where(conditions.isEmpty() ? "true" : String.join(" and ", conditions), parameters);
    }

    static String orderBy(ListIdpsRequest request, ListQuery query) {
        String direction = query.ascending() ? "asc" : "desc";
        if (request.sortingColumn() == IdpFieldName.IDP_FIELD_NAME_NAME) {
            return "name " + direction + ", id " + direction;
        }
        return "created_at " + direction + ", id " + direction;
    }

    private static String condition(IdpQuery query, String parameter, Map<String, Object> parameters) {
        long set = java.util.stream.Stream.of(query.idpIdQuery(), query.idpNameQuery())
                .filter(Objects::nonNull)
                .count();
        if (set != 1) {
            throw ApiException.invalidArgument(
                    "IDP-InvalidQuery",
                    "invalid ListIdpsRequest.queries: each query must hold exactly one of idpIdQuery, idpNameQuery");
        }
        if (query.idpIdQuery() != null) {
            parameters.put(
                    parameter,
                    query.idpIdQuery().id() == null ? "" : query.idpIdQuery().id());
            return "id = :" + parameter;
        }
        String name =
                query.idpNameQuery().name() == null ? "" : query.idpNameQuery().name();
        TextQueryMethod method = query.idpNameQuery().method() == null
                ? TextQueryMethod.TEXT_QUERY_METHOD_EQUALS
                : query.idpNameQuery().method();
        boolean ignoreCase = method.name().endsWith("_IGNORE_CASE");
        String value = ignoreCase ? name.toLowerCase(Locale.ROOT) : name;
        String escaped = SqlLike.escape(value);
        String column = ignoreCase ? "lower(name)" : "name";
        return switch (method) {
            case TEXT_QUERY_METHOD_EQUALS, TEXT_QUERY_METHOD_EQUALS_IGNORE_CASE -> {
                parameters.put(parameter, value);
                yield column + " = :" + parameter;
            }
            case TEXT_QUERY_METHOD_STARTS_WITH, TEXT_QUERY_METHOD_STARTS_WITH_IGNORE_CASE -> {
                parameters.put(parameter, escaped + "%");
                yield column + " like :" + parameter + " escape '\\'";
            }
            case TEXT_QUERY_METHOD_CONTAINS, TEXT_QUERY_METHOD_CONTAINS_IGNORE_CASE -> {
                parameters.put(parameter, "%" + escaped + "%");
                yield column + " like :" + parameter + " escape '\\'";
            }
            case TEXT_QUERY_METHOD_ENDS_WITH, TEXT_QUERY_METHOD_ENDS_WITH_IGNORE_CASE -> {
                parameters.put(parameter, "%" + escaped);
                yield column + " like :" + parameter + " escape '\\'";
            }
        };
    }
}
