package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The query strings the bridge writes: strictly encoded, so every value reads back as it was. */
class QueryStringsTests {

    @ParameterizedTest
    @ValueSource(strings = {"a+b", "a b", "a&b=c", "x/y?z#w", "%25", "é€", "n+A/b=="})
    void everyValueReadsBackUnchanged(String value) {
        String encoded = QueryStrings.encode(value);

        assertThat(encoded).doesNotContain("+", " ", "&", "=", "#", "?", "/");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(value);
    }

    @Test
    void unreservedCharactersStayAsTheyAre() {
        assertThat(QueryStrings.encode("AZaz09-._~")).isEqualTo("AZaz09-._~");
    }

    @Test
    void everyValueOfEveryNameInTheMapsOrder() {
        Map<String, String[]> parameters = new LinkedHashMap<>();
        parameters.put("scope", new String[] {"openid email"});
        parameters.put("state", new String[] {"a+b"});
        parameters.put("x y", new String[] {"1", "2"});

        assertThat(QueryStrings.of(parameters)).isEqualTo("scope=openid%20email&state=a%2Bb&x%20y=1&x%20y=2");
    }

    @Test
    void anEmptyMapIsAnEmptyQuery() {
        assertThat(QueryStrings.of(Map.of())).isEmpty();
    }
}
