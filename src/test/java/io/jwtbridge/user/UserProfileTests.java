package io.jwtbridge.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a JWT's claims say about its user: strings only, trimmed and cut, booleans also as text. */
class UserProfileTests {

    @Test
    void readsTheStandardClaims() {
        UserProfile profile = UserProfile.fromClaims(Map.of(
                "preferred_username", "ann",
                "email", "ann@example.com",
                "email_verified", true,
                "name", "Ann Example",
                "given_name", "Ann",
                "family_name", "Example",
                "nickname", "annie",
                "locale", "de-CH",
                "phone_number", "+41 44 000 00 00"));

        assertThat(profile)
                .isEqualTo(new UserProfile(
                        "ann",
                        "ann@example.com",
                        true,
                        "Ann Example",
                        "Ann",
                        "Example",
                        "annie",
                        "de-CH",
                        "+41 44 000 00 00"));
    }

    @Test
    void absentBlankAndNonStringClaimsAreAbsent() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("preferred_username", "   ");
        claims.put("email", 42);
        claims.put("name", List.of("a"));
        claims.put("given_name", null);

        UserProfile profile = UserProfile.fromClaims(claims);

        assertThat(profile).isEqualTo(new UserProfile(null, null, null, null, null, null, null, null, null));
    }

    @Test
    void valuesAreTrimmedAndCutAt200Characters() {
        UserProfile profile = UserProfile.fromClaims(Map.of("name", "  Ann  ", "family_name", "x".repeat(250)));

        assertThat(profile.name()).isEqualTo("Ann");
        assertThat(profile.familyName()).hasSize(200);
    }

    @Test
    void emailVerifiedIsABooleanOrItsTextInAnyCaseAndNothingElse() {
        assertThat(UserProfile.fromClaims(Map.of("email_verified", "TRUE")).emailVerified())
                .isTrue();
        assertThat(UserProfile.fromClaims(Map.of("email_verified", "false")).emailVerified())
                .isFalse();
        assertThat(UserProfile.fromClaims(Map.of("email_verified", "yes")).emailVerified())
                .isNull();
        assertThat(UserProfile.fromClaims(Map.of("email_verified", 1)).emailVerified())
                .isNull();
    }

    @Test
    void theWantedUserNameIsThePreferredUsernameElseTheEmailElseTheSub() {
        UserProfile none = new UserProfile(null, null, null, null, null, null, null, null, null);
        UserProfile email = new UserProfile(" ", "e@x", null, null, null, null, null, null, null);
        UserProfile both = new UserProfile("u", "e@x", null, null, null, null, null, null, null);

        assertThat(UserProfile.wantedUserName("s", none)).isEqualTo("s");
        assertThat(UserProfile.wantedUserName("s", email)).isEqualTo("e@x");
        assertThat(UserProfile.wantedUserName("s", both)).isEqualTo("u");
    }
}
