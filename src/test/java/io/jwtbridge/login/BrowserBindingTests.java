package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.SimulatedWaf;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * docs/login-flow.md steps 6–7: whoever started a flow must never finish it with somebody else's identity,
 * and a flow that cannot be found ends on an error page with a 4xx status.
 */
class BrowserBindingTests extends LoginIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    SimulatedWaf waf;
    String idpId;
    App app;

    @BeforeEach
    void setUp() {
        waf = new SimulatedWaf(BASE, "x-custom-tkn", user -> List.of("Bearer " + jwt(RSA_KEY, c -> c.subject(user))));
        idpId = createIdp(waf, "x-custom-tkn", true);
        app = webApp();
    }

    @AfterEach
    void tearDown() {
        waf.close();
    }

    static String flowIdOf(String wafUrl) {
        return UriComponentsBuilder.fromUriString(wafUrl)
                .build()
                .getQueryParams()
                .getFirst("authRequestID");
    }

    @Test
    void aFlowStartedInBrowserAAndOpenedInBrowserBEndsWithoutACodeAnywhere() {
        Browser attacker = new Browser();
        Browser victim = new Browser();
        String victimSub = "victim-" + UUID.randomUUID();
        victim.loggedInAtWaf(waf, victimSub);
        AuthorizeRequest request = authorize(app, idpScope(idpId));

        HttpResponse<String> started = attacker.get(request.url());
        assertThat(started.statusCode()).isEqualTo(302);
        String wafUrl = started.headers().firstValue("Location").orElseThrow();
        String flowId = flowIdOf(wafUrl);

        // The victim is lured to the JWT endpoint URL of the attacker's flow.
        List<Browser.Hop> victimHops = victim.follow(wafUrl, REDIRECT_URI);
        Browser.Hop last = victimHops.get(victimHops.size() - 1);
        assertThat(last.url()).contains("/ui/login/login/jwt/callback");
        assertThat(last.status()).isEqualTo(400);
        assertThat(last.location()).isNull();
        assertThat(last.body()).contains("Sign-in failed");
        String handle = UriComponentsBuilder.fromUriString(last.url())
                .build()
                .getQueryParams()
                .getFirst("handle");

        // The attacker knows the flow id but not the handle: nothing finishes the flow for them.
        assertThat(attacker.get(BASE + "/ui/login/login/jwt/callback?authRequestID=" + flowId)
                        .statusCode())
                .isEqualTo(400);
        assertThat(attacker.get(BASE + "/ui/login/login/jwt/callback?authRequestID=" + flowId + "&handle="
                                + "A".repeat(43))
                        .statusCode())
                .isEqualTo(400);
        assertThat(attacker.get(BASE + "/ui/login/login/jwt/authorize?authRequestID=" + flowId)
                        .statusCode())
                .isEqualTo(400);
        List<Browser.Hop> again = attacker.follow(request.url(), REDIRECT_URI);
        assertThat(again.get(0).location())
                .as("a new flow, not the victim's session")
                .startsWith(waf.jwtEndpoint());
        assertThat(flowIdOf(again.get(0).location())).isNotEqualTo(flowId);
        // The flow stays unfinished: the handle went only to the victim's browser, which lacks the binding.
        assertThat(jdbc.sql("select status from login_flow where id = :id")
                        .param("id", flowId)
                        .query(String.class)
                        .single())
                .isEqualTo("VERIFIED");
        assertThat(victimHops).noneSatisfy(hop -> assertThat(hop.location()).startsWith(REDIRECT_URI));
        assertThat(handle).isNotBlank();
    }

    @Test
    void theStarterWithTheHandleFinishesAndOnlyOnce() {
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "user-" + UUID.randomUUID());
        AuthorizeRequest request = authorize(app, idpScope(idpId));

        List<Browser.Hop> hops = browser.follow(request.url(), REDIRECT_URI);
        Map<String, String> answer = appRedirect(hops);
        assertThat(answer).containsKey("code");
        String callback = hops.stream()
                .filter(hop -> hop.url().contains("/jwt/callback"))
                .findFirst()
                .orElseThrow()
                .url();
        String handler = hops.stream()
                .filter(hop -> hop.url().contains("/auth/jwt"))
                .findFirst()
                .orElseThrow()
                .url()
                .replace(waf.jwtEndpoint(), BASE + "/ui/login/login/jwt/authorize");

        HttpResponse<String> reusedCallback = browser.get(callback);
        assertThat(reusedCallback.statusCode()).isEqualTo(400);
        assertThat(reusedCallback.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(browser.get(handler).statusCode())
                .as("the WAF's request replayed")
                .isEqualTo(400);
    }

    @Test
    void unknownExpiredOrMalformedFlowsGiveAnErrorPageWith4xx() {
        Browser browser = new Browser();
        for (String url : List.of(
                BASE + "/ui/login/login/jwt/authorize?authRequestID=" + "B".repeat(43),
                BASE + "/ui/login/login/jwt/authorize?authRequestID=../../etc/passwd",
                BASE + "/ui/login/login/jwt/authorize",
                BASE + "/ui/login/login/jwt/callback?authRequestID=" + "C".repeat(43) + "&handle=" + "D".repeat(43),
                BASE + "/ui/login/login/jwt/callback")) {
            HttpResponse<String> response = browser.get(url);
            assertThat(response.statusCode()).as(url).isBetween(400, 499);
            assertThat(response.body()).contains("Sign-in failed");
        }

        browser.loggedInAtWaf(waf, "late-" + UUID.randomUUID());
        HttpResponse<String> started =
                browser.get(authorize(app, idpScope(idpId)).url());
        String wafUrl = started.headers().firstValue("Location").orElseThrow();
        jdbc.sql("update login_flow set expires_at = now() - interval '1 second' where id = :id")
                .param("id", flowIdOf(wafUrl))
                .update();
        List<Browser.Hop> hops = browser.follow(wafUrl, REDIRECT_URI);
        assertThat(hops.get(hops.size() - 1).status()).isEqualTo(400);
        assertThat(hops).noneSatisfy(hop -> assertThat(hop.location()).startsWith(REDIRECT_URI));
    }

    @Test
    void aTokenForAFlowAnotherRequestFinishedMeanwhileWritesNothing() {
        Browser browser = new Browser();
        String sub = "raced-" + UUID.randomUUID();
        browser.loggedInAtWaf(waf, sub);
        HttpResponse<String> started =
                browser.get(authorize(app, idpScope(idpId)).url());
        String wafUrl = started.headers().firstValue("Location").orElseThrow();
        long before = jdbc.sql("select coalesce(max(sequence), 0) from audit_event")
                .query(Long.class)
                .single();
        // This instance still holds the flow as it started it; another instance refused it meanwhile.
        jdbc.sql("update login_flow set status = 'REFUSED' where id = :id")
                .param("id", flowIdOf(wafUrl))
                .update();

        List<Browser.Hop> hops = browser.follow(wafUrl, REDIRECT_URI);

        assertThat(hops.get(hops.size() - 1).status()).isEqualTo(400);
        assertThat(hops).noneSatisfy(hop -> assertThat(hop.location()).startsWith(REDIRECT_URI));
        assertThat(jdbc.sql("select count(*) from user_link where external_user_id = :sub")
                        .param("sub", sub)
                        .query(Long.class)
                        .single())
                .as("the auto-registered user is rolled back with the flow's update")
                .isZero();
        assertThat(jdbc.sql("select count(*) from audit_event where sequence > :before and aggregate_type = 'user'")
                        .param("before", before)
                        .query(Long.class)
                        .single())
                .as("no user.added, no user.login.succeeded")
                .isZero();
    }
}
