package io.jwtbridge.idp;

import io.jwtbridge.idp.IdpRequests.IdpFieldName;
import io.jwtbridge.idp.IdpRequests.IdpQuery;
import io.jwtbridge.idp.IdpRequests.ListIdpsRequest;
import io.jwtbridge.idp.IdpRequests.TextQueryMethod;
import io.jwtbridge.web.ApiException;
import io.jwtbridge.web.ListQuery;
import io.jwtbridge.web.SqlLike;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.List;
import java.util.Objects;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.query.QueryUtils;

/** Turns ZITADEL's ListIDPs request into a query: every condition must hold (AND). */
final class IdpSearch {

    private IdpSearch() {}

    static Specification<JwtIdp> specification(ListIdpsRequest request) {
        List<IdpQuery> queries = request.queries() == null ? List.of() : request.queries();
        return Specification.allOf(queries.stream().map(IdpSearch::condition).toList());
    }

    static Sort sort(ListIdpsRequest request, ListQuery query) {
        Sort.Direction direction = query.ascending() ? Sort.Direction.ASC : Sort.Direction.DESC;
        if (request.sortingColumn() == IdpFieldName.IDP_FIELD_NAME_NAME) {
            return Sort.by(direction, "name").and(Sort.by(direction, "id"));
        }
        return Sort.by(direction, "createdAt").and(Sort.by(direction, "id"));
    }

    /** One page of the matches, read with SQL offset and limit. */
    static List<JwtIdp> page(
            EntityManager entityManager, Specification<JwtIdp> specification, Sort sort, ListQuery query) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<JwtIdp> select = cb.createQuery(JwtIdp.class);
        Root<JwtIdp> root = select.from(JwtIdp.class);
        Predicate where = specification.toPredicate(root, select, cb);
        if (where != null) {
            select.where(where);
        }
        select.orderBy(QueryUtils.toOrders(sort, root, cb));
        return entityManager
                .createQuery(select)
                .setFirstResult((int) Math.min(query.offsetOrZero(), Integer.MAX_VALUE))
                .setMaxResults(query.limitOrDefault())
                .getResultList();
    }

    private static Specification<JwtIdp> condition(IdpQuery query) {
        long set = java.util.stream.Stream.of(query.idpIdQuery(), query.idpNameQuery())
                .filter(Objects::nonNull)
                .count();
        if (set != 1) {
            throw ApiException.invalidArgument(
                    "IDP-InvalidQuery",
                    "invalid ListIdpsRequest.queries: each query must hold exactly one of idpIdQuery, idpNameQuery");
        }
        if (query.idpIdQuery() != null) {
            String id = query.idpIdQuery().id();
            return (root, cq, cb) -> cb.equal(root.get("id"), id);
        }
        String name =
                query.idpNameQuery().name() == null ? "" : query.idpNameQuery().name();
        TextQueryMethod method = query.idpNameQuery().method() == null
                ? TextQueryMethod.TEXT_QUERY_METHOD_EQUALS
                : query.idpNameQuery().method();
        boolean ignoreCase = method.name().endsWith("_IGNORE_CASE");
        String value = ignoreCase ? name.toLowerCase() : name;
        String escaped = SqlLike.escape(value);
        return (root, cq, cb) -> {
            Expression<String> column = ignoreCase ? cb.lower(root.get("name")) : root.get("name");
            return switch (method) {
                case TEXT_QUERY_METHOD_EQUALS, TEXT_QUERY_METHOD_EQUALS_IGNORE_CASE -> cb.equal(column, value);
                case TEXT_QUERY_METHOD_STARTS_WITH, TEXT_QUERY_METHOD_STARTS_WITH_IGNORE_CASE ->
                    cb.like(column, escaped + "%", '\\');
                case TEXT_QUERY_METHOD_CONTAINS, TEXT_QUERY_METHOD_CONTAINS_IGNORE_CASE ->
                    cb.like(column, "%" + escaped + "%", '\\');
                case TEXT_QUERY_METHOD_ENDS_WITH, TEXT_QUERY_METHOD_ENDS_WITH_IGNORE_CASE ->
                    cb.like(column, "%" + escaped, '\\');
            };
        };
    }
}
