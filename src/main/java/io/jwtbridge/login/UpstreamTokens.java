package io.jwtbridge.login;

import com.nimbusds.jwt.JWTClaimsSet;
import io.jwtbridge.idp.JwtIdp;
import io.jwtbridge.user.UserProfile;
import io.jwtbridge.user.UserProvisioning;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The one way from an IdP's JWT to a user of the bridge: the IdP's checks ({@link IdpTokenVerifier}),
 * then its user rules ({@link UserProvisioning}). The browser login's JWT handler and the token
 * endpoint's upstream-JWT grants (token exchange, JWT bearer) both go through it, so a token gives
 * the same verdict and the same user whichever way it comes in.
 */
@Service
public class UpstreamTokens {

    private final IdpTokenVerifier verifier;
    private final UserProvisioning provisioning;

    UpstreamTokens(IdpTokenVerifier verifier, UserProvisioning provisioning) {
        this.verifier = verifier;
        this.provisioning = provisioning;
    }

    /** What a token gave: a signed-in user, or a refusal. */
    public sealed interface Result {}

    public record SignedIn(String userId) implements Result {}

    /**
     * An unknown user whom the IdP lets create an account only after asking the person
     * ({@code isCreationAllowed} without {@code isAutoCreation}): a browser login shows the
     * confirmation page; without a browser nobody can be asked.
     */
    public record NeedsConfirmation(String sub, UserProfile profile) implements Result {}

    /**
     * @param reason the short machine reason (as in the metric and the browser flow)
     * @param description a sentence for the app
     */
    public record Refused(String reason, String description) implements Result {}

    /** A further check of the verified claims, before anything is written (e.g. JWT bearer's aud). */
    @FunctionalInterface
    public interface ClaimsCheck {

        ClaimsCheck NONE = claims -> Optional.empty();

        Optional<Refused> check(JWTClaimsSet claims);
    }

    /**
     * Verifies the token (all values the caller sent: more than one is refused) and finds, links or
     * registers its user by the IdP's rules. A refusal writes nothing.
     */
    public Result signIn(JwtIdp idp, List<String> tokenValues, ClaimsCheck check) {
        JWTClaimsSet claims;
        try {
            claims = verifier.verify(idp, tokenValues);
        } catch (IdpTokenVerifier.TokenRefusedException ex) {
            return new Refused(ex.reason(), ex.getMessage());
        }
        Optional<Refused> refused = check.check(claims);
        if (refused.isPresent()) {
            return refused.get();
        }
        UserProfile profile = UserProfile.fromClaims(claims.getClaims());
        UserProvisioning.Outcome outcome =
                provisioning.signIn(idp.getId(), idp.options(), claims.getSubject(), profile);
        if (outcome.needsConfirmation()) {
            return new NeedsConfirmation(claims.getSubject(), profile);
        }
        if (!outcome.succeeded()) {
            return new Refused(outcome.reason(), outcome.refusal());
        }
        return new SignedIn(outcome.user().id());
    }
}
