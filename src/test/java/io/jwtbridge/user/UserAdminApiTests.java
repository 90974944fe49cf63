package io.jwtbridge.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.Events;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.SimulatedWaf;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Users, links and the audit log through the admin API, after real logins. */
class UserAdminApiTests extends LoginIntegrationTests {

    SimulatedWaf waf;
    String idpId;
    App app;

    @BeforeEach
    void setUp() {
        waf = new SimulatedWaf(
                BASE,
                "x-custom-tkn",
                user -> List.of(jwt(
                        RSA_KEY,
                        c -> c.subject(user)
                                .claim("email", user + "@example.com")
                                .claim("email_verified", "true")
                                .claim("given_name", "Given")
                                .claim("family_name", "Family")
                                .claim("name", "Given Family")
                                .claim("locale", "fr"))));
        idpId = createIdp(waf, "x-custom-tkn", true);
        app = webApp();
    }

    @AfterEach
    void tearDown() {
        waf.close();
    }

    Map<String, String> login(String user, AuthorizeRequest request) {
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, user);
        return appRedirect(browser.follow(request.url(), REDIRECT_URI));
    }

    String loginAndGetSub(String user) throws Exception {
        return loginAndGetSub(waf, user, app, idpId);
    }

    @Test
    void aRegisteredUserShowsItsProfileFromTheToken() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        String userId = loginAndGetSub(alice);

        JsonNode user =
                http.get("/admin/v1/users/" + userId, adminToken()).json().get("user");

        assertThat(user.get("id").asString()).isEqualTo(userId);
        assertThat(user.get("state").asString()).isEqualTo("USER_STATE_ACTIVE");
        assertThat(user.get("userName").asString()).isEqualTo(alice + "@example.com");
        assertThat(user.get("profile").get("givenName").asString()).isEqualTo("Given");
        assertThat(user.get("profile").get("familyName").asString()).isEqualTo("Family");
        assertThat(user.get("profile").get("displayName").asString()).isEqualTo("Given Family");
        assertThat(user.get("profile").get("preferredLanguage").asString()).isEqualTo("fr");
        assertThat(user.get("email").get("email").asString()).isEqualTo(alice + "@example.com");
        assertThat(user.get("email").get("isEmailVerified").asBoolean()).isTrue();
        assertThat(user.get("details").get("sequence").isString()).isTrue();
    }

    @Test
    void aUserIsFoundByEmailInAnyCaseAndShowsItsLink() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        String userId = loginAndGetSub(alice);

        JsonNode found = http.post(
                        "/admin/v1/users/_search",
                        "{\"queries\":[{\"emailQuery\":{\"emailAddress\":\"%s\"}}]}"
                                .formatted((alice + "@EXAMPLE.com")),
                        adminToken())
                .json();
        JsonNode links = http.post("/admin/v1/users/" + userId + "/links/_search", "{}", adminToken())
                .json();

        assertThat(found.get("details").get("totalResult").asString()).isEqualTo("1");
        assertThat(found.get("result").get(0).get("id").asString()).isEqualTo(userId);
        assertThat(links.get("result")).hasSize(1);
        assertThat(links.get("result").get(0).get("idpId").asString()).isEqualTo(idpId);
        assertThat(links.get("result").get(0).get("externalUserId").asString()).isEqualTo(alice);
        assertThat(links.get("result").get(0).get("userId").asString()).isEqualTo(userId);
    }

    @Test
    void aDeactivatedUserCannotLogInUntilReactivated() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        String userId = loginAndGetSub(alice);

        assertThat(http.post("/admin/v1/users/" + userId + "/_deactivate", null, adminToken())
                        .status())
                .isEqualTo(200);
        assertThat(http.post("/admin/v1/users/" + userId + "/_deactivate", null, adminToken())
                        .status())
                .isEqualTo(400);
        AuthorizeRequest refused = authorize(app, idpScope(idpId));
        assertThat(login(alice, refused))
                .containsEntry("error", "access_denied")
                .containsEntry("state", refused.state());
        assertThat(http.post("/admin/v1/users/" + userId + "/_reactivate", null, adminToken())
                        .status())
                .isEqualTo(200);
        assertThat(loginAndGetSub(alice)).isEqualTo(userId);
    }

    @Test
    void withoutItsLinkTheIdentityRegistersANewUserWithASuffixedName() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        String userId = loginAndGetSub(alice);

        assertThat(http.delete("/admin/v1/users/" + userId + "/links/" + idpId + "/" + alice, adminToken())
                        .status())
                .isEqualTo(200);
        assertThat(http.delete("/admin/v1/users/" + userId + "/links/" + idpId + "/" + alice, adminToken())
                        .status())
                .isEqualTo(404);
        String again = loginAndGetSub(alice);

        assertThat(again)
                .as("without its link the identity registers a new user")
                .isNotEqualTo(userId);
        assertThat(http.get("/admin/v1/users/" + again, adminToken())
                        .json()
                        .get("user")
                        .get("userName")
                        .asString())
                .as("the clashing user name gets a suffix")
                .startsWith(alice + "@example.com#");
    }

    @Test
    void everyChangeOfAUserIsAnEventInOrder() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        String userId = loginAndGetSub(alice);
        http.post("/admin/v1/users/" + userId + "/_deactivate", null, adminToken());
        http.post("/admin/v1/users/" + userId + "/_reactivate", null, adminToken());
        loginAndGetSub(alice);
        http.delete("/admin/v1/users/" + userId + "/links/" + idpId + "/" + alice, adminToken());

        JsonNode events = Events.of(http, adminToken(), userId);

        List<String> types = Events.types(events);
        assertThat(types)
                .containsSubsequence(
                        "user.registered",
                        "user.idp.linked",
                        "user.login.succeeded",
                        "user.deactivated",
                        "user.reactivated",
                        "user.login.succeeded",
                        "user.idp.link.removed");
        assertThat(events.get(0).get("aggregate").get("type").asString()).isEqualTo("user");
        assertThat(events.get(0).get("sequence").isString()).isTrue();
    }

    @Test
    void aRemovedUserIsGone() throws Exception {
        String userId = loginAndGetSub("alice-" + UUID.randomUUID());

        assertThat(http.delete("/admin/v1/users/" + userId, adminToken()).status())
                .isEqualTo(200);
        assertThat(http.get("/admin/v1/users/" + userId, adminToken()).status()).isEqualTo(404);
        assertThat(http.post("/admin/v1/users/" + userId + "/_reactivate", null, adminToken())
                        .status())
                .isEqualTo(404);
    }
}
