package io.jwtbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.app.OidcAppRequests.AppNameQuery;
import io.jwtbridge.app.OidcAppRequests.AppQuery;
import io.jwtbridge.app.OidcAppRequests.ListAppsRequest;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppSearchTests {

    static ListAppsRequest request(AppQuery... queries) {
        return new ListAppsRequest(null, Arrays.asList(queries));
    }

    @Test
    void noRequestOrNoQueriesMatchEveryApp() {
        assertThat(AppSearch.where(null)).isEqualTo(new AppSearch.Where("true", Map.of()));
        assertThat(AppSearch.where(new ListAppsRequest(null, null))).isEqualTo(new AppSearch.Where("true", Map.of()));
        assertThat(AppSearch.where(request())).isEqualTo(new AppSearch.Where("true", Map.of()));
    }

    @Test
    void aNameMatchesAnyPartIgnoringCase() {
        AppSearch.Where where = AppSearch.where(request(new AppQuery(new AppNameQuery("Shop"))));

        assertThat(where.sql()).isEqualTo("name ilike :name");
        assertThat(where.parameters()).containsExactly(Map.entry("name", "%Shop%"));
    }

    @Test
    void likeCharactersInTheNameAreLiteral() {
        assertThat(AppSearch.where(request(new AppQuery(new AppNameQuery("50%_off\\"))))
                        .parameters())
                .containsExactly(Map.entry("name", "%50\\%\\_off\\\\%"));
    }

    @Test
    void theFirstQueryWithANameCountsAndTheOthersAreIgnored() {
        AppSearch.Where where = AppSearch.where(request(
                new AppQuery(null),
                new AppQuery(new AppNameQuery(null)),
                new AppQuery(new AppNameQuery("first")),
                new AppQuery(new AppNameQuery("second"))));

        assertThat(where.parameters()).containsExactly(Map.entry("name", "%first%"));
    }

    @Test
    void anEmptyNameMatchesEveryApp() {
        assertThat(AppSearch.where(request(new AppQuery(new AppNameQuery("")))).parameters())
                .containsExactly(Map.entry("name", "%%"));
    }
}
