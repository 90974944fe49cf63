package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.BridgeProperties;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.web.http.CookieSerializer;

/** The session cookie a login sets: a {@code __Host-} cookie whenever the issuer is https. */
class SessionCookieTests {

    @Test
    void withAnHttpsIssuerTheSessionCookieIsHostPrefixedAndSecureEvenOverPlainHttp() {
        String cookie = setCookie("https://login.example.com", false);

        assertThat(cookie).startsWith("__Host-SESSION=").contains("; Path=/", "; Secure", "; HttpOnly", "SameSite=Lax");
        assertThat(cookie).doesNotContainIgnoringCase("Domain=");
    }

    @Test
    void withAnHttpIssuerTheSessionCookieKeepsItsPlainName() {
        String cookie = setCookie("http://localhost:8080", false);

        assertThat(cookie).startsWith("SESSION=").contains("; Path=/", "; HttpOnly", "SameSite=Lax");
        assertThat(cookie).doesNotContain("Secure");
    }

    @Test
    void theSessionIsReadBackOnlyFromTheCookieOfItsName() {
        CookieSerializer cookies = serializer("https://login.example.com");
        MockHttpServletRequest planted = new MockHttpServletRequest();
        planted.setCookies(new jakarta.servlet.http.Cookie("SESSION", "c2Vzc2lvbg"));

        assertThat(cookies.readCookieValues(planted)).isEmpty();
    }

    private static String setCookie(String issuer, boolean secureRequest) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setSecure(secureRequest);
        MockHttpServletResponse response = new MockHttpServletResponse();
        serializer(issuer).writeCookieValue(new CookieSerializer.CookieValue(request, response, "abc"));
        return response.getHeader("Set-Cookie");
    }

    private static CookieSerializer serializer(String issuer) {
        return new SessionCookieConfiguration()
                .sessionCookieSerializer(new BridgeProperties(URI.create(issuer), null, null));
    }
}
