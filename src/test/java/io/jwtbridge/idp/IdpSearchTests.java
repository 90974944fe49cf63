package io.jwtbridge.idp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtbridge.idp.IdpRequests.IdpFieldName;
import io.jwtbridge.idp.IdpRequests.IdpIdQuery;
import io.jwtbridge.idp.IdpRequests.IdpNameQuery;
import io.jwtbridge.idp.IdpRequests.IdpQuery;
import io.jwtbridge.idp.IdpRequests.ListIdpsRequest;
import io.jwtbridge.idp.IdpRequests.TextQueryMethod;
import io.jwtbridge.web.ApiException;
import io.jwtbridge.web.ListQuery;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ZITADEL's ListIDPs queries as SQL: each method, case, LIKE escaping, AND, order, bad queries. */
class IdpSearchTests {

    static ListIdpsRequest byName(String name, TextQueryMethod method) {
        return new ListIdpsRequest(null, null, List.of(new IdpQuery(null, new IdpNameQuery(name, method))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "TEXT_QUERY_METHOD_EQUALS|name = :p0|a_b%",
                "TEXT_QUERY_METHOD_EQUALS_IGNORE_CASE|lower(name) = :p0|a_b%",
                "TEXT_QUERY_METHOD_STARTS_WITH|name like :p0 escape '\\'|a\\_b\\%%",
                "TEXT_QUERY_METHOD_STARTS_WITH_IGNORE_CASE|lower(name) like :p0 escape '\\'|a\\_b\\%%",
                "TEXT_QUERY_METHOD_CONTAINS|name like :p0 escape '\\'|%a\\_b\\%%",
                "TEXT_QUERY_METHOD_ENDS_WITH_IGNORE_CASE|lower(name) like :p0 escape '\\'|%a\\_b\\%"
            })
    void eachTextMethodBecomesItsConditionWithLikeCharactersEscaped(
            TextQueryMethod method, String condition, String parameter) {
        String name = method.name().endsWith("IGNORE_CASE") ? "A_B%" : "a_b%";

        IdpSearch.Where where = IdpSearch.where(byName(name, method));

        assertThat(where.sql()).isEqualTo(condition);
        assertThat(where.parameters()).containsEntry("p0", parameter);
    }

    @Test
    void withoutAMethodANameMustBeEqual() {
        assertThat(IdpSearch.where(byName("google", null)).sql()).isEqualTo("name = :p0");
    }

    @Test
    void severalQueriesMustAllHoldAndNoneMeansEverything() {
        ListIdpsRequest both = new ListIdpsRequest(
                null,
                null,
                List.of(
                        new IdpQuery(new IdpIdQuery("42"), null),
                        new IdpQuery(null, new IdpNameQuery("g", TextQueryMethod.TEXT_QUERY_METHOD_STARTS_WITH))));

        IdpSearch.Where where = IdpSearch.where(both);

        assertThat(where.sql()).isEqualTo("id = :p0 and name like :p1 escape '\\'");
        assertThat(where.parameters()).containsEntry("p0", "42").containsEntry("p1", "g%");
        assertThat(IdpSearch.where(new ListIdpsRequest(null, null, null)).sql()).isEqualTo("true");
    }

    @Test
    void aQueryWithNoneOrBothMembersIsRefused() {
        ListIdpsRequest neither = new ListIdpsRequest(null, null, List.of(new IdpQuery(null, null)));
        ListIdpsRequest both = new ListIdpsRequest(
                null, null, List.of(new IdpQuery(new IdpIdQuery("1"), new IdpNameQuery("x", null))));

        for (ListIdpsRequest request : List.of(neither, both)) {
            assertThatThrownBy(() -> IdpSearch.where(request))
                    .isInstanceOf(ApiException.class)
                    .hasMessageContaining("exactly one of idpIdQuery, idpNameQuery");
        }
    }

    @Test
    void ordersNewestFirstByDefaultAndByNameWhenAsked() {
        ListQuery ascending = new ListQuery(null, null, true);

        assertThat(IdpSearch.orderBy(new ListIdpsRequest(null, null, null), ListQuery.defaults()))
                .isEqualTo("created_at desc, id desc");
        assertThat(IdpSearch.orderBy(new ListIdpsRequest(null, IdpFieldName.IDP_FIELD_NAME_NAME, null), ascending))
                .isEqualTo("name asc, id asc");
    }
}
