package io.jwtbridge.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.ProviderOptionsLoginTests;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** isCreationAllowed, isAutoCreation and isAutoUpdate at a real login through the WAF. */
class ProviderCreationOptionsTests extends ProviderOptionsLoginTests {

    static final String CONFIRM = "{\"isCreationAllowed\":true,\"isAutoCreation\":false,\"isAutoUpdate\":true}";

    @Test
    void creationWithAutoCreationRegistersAnUnknownUser() throws Exception {
        String idp = createProvider(CREATE);
        App app = webApp();
        String user = wafUser("created", Map.of("email", "created@example.com", "given_name", "Cleo"));

        String sub = subOf(app, login(user, app, idp));

        assertThat(jdbc.sql("select given_name from bridge_user where id = :id")
                        .param("id", sub)
                        .query(String.class)
                        .single())
                .isEqualTo("Cleo");
        assertThat(links(idp)).isEqualTo(1);
        assertThat(subOf(app, login(user, app, idp)))
                .as("the same user next time")
                .isEqualTo(sub);
    }

    @Test
    void creationWithoutAutoCreationAsksTheBrowserAndCreatesOnConfirmation() throws Exception {
        String idp = createProvider(CONFIRM);
        App app = webApp();
        String email = "confirm-" + java.util.UUID.randomUUID() + "@example.com";
        String user = wafUser(
                "confirm",
                Map.of("email", email, "email_verified", true, "name", "Dana <b>Example</b>", "given_name", "Dana"));

        Login login = login(user, app, idp);

        Browser.Hop page = login.last();
        assertThat(page.status()).as(login.hops().toString()).isEqualTo(200);
        assertThat(page.url()).contains("/ui/login/login/jwt/callback");
        assertThat(page.body())
                .contains("<html lang=\"en\"")
                .contains("Create my account")
                .contains("Cancel")
                .contains(email)
                .contains("Dana &lt;b&gt;Example&lt;/b&gt;")
                .contains("(verified)");
        assertThat(usersWithEmail(email))
                .as("nothing is created before the answer")
                .isZero();
        assertThat(links(idp)).isZero();

        HttpResponse<String> stranger = post(
                new Browser(),
                "authRequestID=" + hidden(page.body(), "authRequestID") + "&handle=" + hidden(page.body(), "handle")
                        + "&action=create");
        assertThat(stranger.statusCode()).as("another browser cannot answer").isEqualTo(400);
        assertThat(usersWithEmail(email)).isZero();

        HttpResponse<String> created = submit(login.browser(), page.body(), "create");
        assertThat(created.statusCode()).isEqualTo(303);
        String next = created.headers().firstValue("Location").orElseThrow();
        assertThat(next).startsWith(BASE + "/ui/login/login/jwt/callback?");
        Login finished =
                new Login(login.browser(), login.request(), login.browser().follow(next, REDIRECT_URI));
        String sub = subOf(app, finished);

        assertThat(usersWithEmail(email)).isEqualTo(1);
        assertThat(jdbc.sql("select display_name from bridge_user where id = :id")
                        .param("id", sub)
                        .query(String.class)
                        .single())
                .isEqualTo("Dana <b>Example</b>");
        assertThat(submit(login.browser(), page.body(), "create").statusCode())
                .as("the form answers once")
                .isEqualTo(400);
        assertThat(subOf(app, login(user, app, idp)))
                .as("linked: no page next time")
                .isEqualTo(sub);
    }

    @Test
    void cancellingTheConfirmationSendsAccessDeniedToTheApp() {
        String idp = createProvider(CONFIRM);
        App app = webApp();
        String email = "cancel-" + java.util.UUID.randomUUID() + "@example.com";
        Login login = login(wafUser("cancel", Map.of("email", email)), app, idp);
        String page = login.last().body();

        HttpResponse<String> cancelled = submit(login.browser(), page, "cancel");

        assertThat(cancelled.statusCode()).isEqualTo(303);
        String location = cancelled.headers().firstValue("Location").orElseThrow();
        Map<String, String> answer = appRedirect(java.util.List.of(new Browser.Hop("confirm", 303, location, "")));
        assertThat(answer)
                .containsEntry("error", "access_denied")
                .containsEntry("state", login.request().state())
                .containsKey("error_description");
        assertThat(usersWithEmail(email)).isZero();
        assertThat(refusalReason(login.request())).isEqualTo("cancelled");
        assertThat(submit(login.browser(), page, "create").statusCode())
                .as("nothing left to create")
                .isEqualTo(400);
        assertThat(usersWithEmail(email)).isZero();
    }

    @Test
    void withoutCreationAnUnknownUserIsRefused() {
        String idp = createProvider("{\"isAutoUpdate\":true,\"isLinkingAllowed\":true}");
        App app = webApp();
        String email = "refused-" + java.util.UUID.randomUUID() + "@example.com";

        Login login = login(wafUser("refused", Map.of("email", email)), app, idp);

        assertThat(appRedirect(login.hops()))
                .containsEntry("error", "access_denied")
                .containsEntry("state", login.request().state());
        assertThat(refusalReason(login.request())).isEqualTo("unknown_user");
        assertThat(usersWithEmail(email)).isZero();
        assertThat(links(idp)).isZero();
    }

    @Test
    void autoUpdateRefreshesTheProfileAndWithoutItTheProfileStaysAsCreated() throws Exception {
        String updating = createProvider(CREATE);
        String keeping = createProvider("{\"isCreationAllowed\":true,\"isAutoCreation\":true,\"isAutoUpdate\":false}");
        App app = webApp();
        Map<String, Object> profile = new HashMap<>(Map.of("given_name", "Erin", "email", "erin@example.com"));
        String erin = wafUser("erin", profile);

        String updated = subOf(app, login(erin, app, updating));
        String kept = subOf(app, login(erin, app, keeping));
        assertThat(kept).as("another IdP: another user").isNotEqualTo(updated);
        profile.put("given_name", "Erina");
        profile.put("email", "erina@example.com");
        assertThat(subOf(app, login(erin, app, updating))).isEqualTo(updated);
        assertThat(subOf(app, login(erin, app, keeping))).isEqualTo(kept);

        assertThat(givenNameAndEmail(updated)).isEqualTo("Erina erina@example.com");
        assertThat(givenNameAndEmail(kept)).isEqualTo("Erin erin@example.com");
    }

    String givenNameAndEmail(String userId) {
        return jdbc.sql("select given_name || ' ' || email from bridge_user where id = :id")
                .param("id", userId)
                .query(String.class)
                .single();
    }
}
