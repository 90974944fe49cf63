package io.jwtbridge.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.user.UserRequests.EmailQuery;
import io.jwtbridge.user.UserRequests.ListUsersRequest;
import io.jwtbridge.user.UserRequests.UserNameQuery;
import io.jwtbridge.user.UserRequests.UserQuery;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserSearchTests {

    static ListUsersRequest request(UserQuery... queries) {
        return new ListUsersRequest(null, Arrays.asList(queries));
    }

    static UserQuery userName(String userName) {
        return new UserQuery(new UserNameQuery(userName), null);
    }

    static UserQuery email(String email) {
        return new UserQuery(null, new EmailQuery(email));
    }

    @Test
    void noRequestOrNoQueriesMatchEveryUser() {
        UserSearch.Where everyone = new UserSearch.Where("true", Map.of());

        assertThat(UserSearch.where(null)).isEqualTo(everyone);
        assertThat(UserSearch.where(new ListUsersRequest(null, null))).isEqualTo(everyone);
        assertThat(UserSearch.where(request())).isEqualTo(everyone);
        assertThat(UserSearch.where(request(new UserQuery(null, null)))).isEqualTo(everyone);
    }

    @Test
    void aUserNameMatchesExactly() {
        UserSearch.Where where = UserSearch.where(request(userName("alice@example.com")));

        assertThat(where.sql()).isEqualTo("user_name = :userName");
        assertThat(where.parameters()).containsExactly(Map.entry("userName", "alice@example.com"));
    }

    @Test
    void anEmailMatchesIgnoringCase() {
        UserSearch.Where where = UserSearch.where(request(email("Alice@Example.com")));

        assertThat(where.sql()).isEqualTo("lower(email) = lower(:email)");
        assertThat(where.parameters()).containsExactly(Map.entry("email", "Alice@Example.com"));
    }

    @Test
    void bothQueriesMustHold() {
        UserSearch.Where where = UserSearch.where(request(email("a@example.com"), userName("alice")));

        assertThat(where.sql()).isEqualTo("user_name = :userName and lower(email) = lower(:email)");
        assertThat(where.parameters())
                .containsOnly(Map.entry("userName", "alice"), Map.entry("email", "a@example.com"));
    }

    @Test
    void onlyTheFirstQueryOfAKindCountsEvenWithoutAValue() {
        assertThat(UserSearch.where(request(userName("first"), userName("second")))
                        .parameters())
                .containsExactly(Map.entry("userName", "first"));
        assertThat(UserSearch.where(request(userName(null), userName("second"))))
                .isEqualTo(new UserSearch.Where("true", Map.of()));
        assertThat(UserSearch.where(request(new UserQuery(new UserNameQuery("both"), new EmailQuery("b@x.io"))))
                        .parameters())
                .containsOnly(Map.entry("userName", "both"), Map.entry("email", "b@x.io"));
    }

    @Test
    void anEmptyValueIsStillAQuery() {
        assertThat(UserSearch.where(request(userName(""))).parameters()).containsExactly(Map.entry("userName", ""));
    }
}
