package io.jwtbridge.login;

import com.nimbusds.jwt.JWTClaimsSet;
import io.jwtbridge.idp.JwtIdp;
import io.jwtbridge.idp.TokenPolicy;
import io.jwtbridge.user.UserProfile;
import io.jwtbridge.user.UserProvisioning;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way from an IdP's JWT to a user of the bridge: the IdP's checks under its token policy
 * ({@link IdpTokenVerifier}), the profile its claim mapping gives ({@link ProfileMapping}), then its
 * user rules ({@link UserProvisioning}). The browser login's JWT handler, the token endpoint's
 * upstream-JWT grants (token exchange, JWT bearer) and the explain endpoint's dry run all go through
 * it, so a token gives the same verdict and the same user whichever way it comes in.
 */
@Service
public class UpstreamTokens {

    private final IdpTokenVerifier verifier;
    private final UserProvisioning provisioning;
    private final TransactionTemplate transactions;

    UpstreamTokens(IdpTokenVerifier verifier, UserProvisioning provisioning, TransactionTemplate transactions) {
        this.verifier = verifier;
        this.provisioning = provisioning;
        this.transactions = transactions;
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

    /**
     * A signed-in user whose sign-in the caller's own step, in the same transaction, did not take
     * (a browser login's flow was finished by another request): nothing was written.
     */
    record Abandoned() implements Result {}

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
        return signIn(idp, new TokenInput.Given(tokenValues), check);
    }

    /** The same, with the token taken from the IdP's token sources. */
    public Result signIn(JwtIdp idp, TokenInput input, ClaimsCheck check) {
        return signIn(idp, input, check, CheckReport.OFF, false, userId -> true, null)
                .result();
    }

    /**
     * The browser login's way: {@code finish} runs with the signed-in user's id in the transaction
     * that signs the user in (one commit for both); when it answers false, that transaction is
     * rolled back and the result is {@link Abandoned}. The token is verified before the transaction
     * starts: a keys fetch never holds a database connection.
     *
     * <p>A returning user whose login would write nothing but its event is tried first without a
     * transaction: {@code finishReturning} makes the caller's step and the sign-in one statement
     * ({@link UserProvisioning#signInReturning}). When it answers false (the user changed, or the
     * step was taken), nothing was written and the ordinary way above runs.
     */
    Result signInAndFinish(
            JwtIdp idp,
            TokenInput input,
            Predicate<String> finish,
            Predicate<UserProvisioning.Returning> finishReturning) {
        return signIn(idp, input, ClaimsCheck.NONE, CheckReport.OFF, false, finish, finishReturning)
                .result();
    }

    private record Run(Result result, UserProvisioning.Outcome outcome, UserProfile profile) {}

    private Run signIn(
            JwtIdp idp,
            TokenInput input,
            ClaimsCheck check,
            CheckReport report,
            boolean dryRun,
            Predicate<String> finish,
            Predicate<UserProvisioning.Returning> finishReturning) {
        JWTClaimsSet claims;
        try {
            claims = verifier.verify(idp, input, report, dryRun);
        } catch (IdpTokenVerifier.TokenRefusedException ex) {
            return new Run(refused(idp, ex.reason(), ex.getMessage()), null, null);
        }
        Optional<Refused> refused = check.check(claims);
        if (refused.isPresent()) {
            return new Run(refused.get(), null, null);
        }
        UserProfile profile = ProfileMapping.of(claims, idp.tokenPolicy());
        if (finishReturning != null) {
            Optional<UserProvisioning.Returning> returning =
                    provisioning.returning(idp.getId(), idp.options(), claims.getSubject(), profile);
            if (returning.isPresent() && finishReturning.test(returning.get())) {
                return new Run(new SignedIn(returning.get().userId()), null, profile);
            }
        }
        return transactions.execute(status -> {
            UserProvisioning.Outcome outcome =
                    provisioning.signIn(idp.getId(), idp.options(), claims.getSubject(), profile);
            if (outcome.needsConfirmation()) {
                return new Run(new NeedsConfirmation(claims.getSubject(), profile), outcome, profile);
            }
            if (!outcome.succeeded()) {
                return new Run(refused(idp, outcome.reason(), outcome.refusal()), outcome, profile);
            }
            if (!finish.test(outcome.user().id())) {
                status.setRollbackOnly();
                return new Run(new Abandoned(), outcome, profile);
            }
            return new Run(new SignedIn(outcome.user().id()), outcome, profile);
        });
    }

    /** With a token policy set, the description starts with the reason (without one it reads as before). */
    private static Refused refused(JwtIdp idp, String reason, String description) {
        boolean prefixed = !idp.policy().equals(TokenPolicy.DEFAULT) && !description.startsWith(reason + ":");
        return new Refused(reason, prefixed ? reason + ": " + description : description);
    }

    /**
     * The explain endpoint's dry run (docs/admin-api.md#explain-a-token): the very path of a login,
     * every check reported, in a transaction that is rolled back, so no user, link, {@code jti} or
     * audit event stays; no metric is counted. {@code claimsOf} runs inside it, on the user the login
     * would sign in (or create).
     */
    public Explanation explain(JwtIdp idp, TokenInput input, Function<String, Map<String, Object>> claimsOf) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            CheckReport report = CheckReport.on();
            Run run = signIn(idp, input, ClaimsCheck.NONE, report, true, userId -> true, null);
            return Explanation.of(run.result(), report, run.outcome(), run.profile(), claimsOf);
        });
    }

    /** What the dry run found: the verdict, each check, the user action, and the ID token's claims. */
    public record Explanation(
            String verdict, String reason, List<CheckReport.Check> checks, UserView user, Map<String, Object> claims) {

        static Explanation of(
                Result result,
                CheckReport report,
                UserProvisioning.Outcome outcome,
                UserProfile profile,
                Function<String, Map<String, Object>> claimsOf) {
            String reason = result instanceof Refused refused ? refused.reason() : null;
            UserView user = UserView.of(outcome, profile, result);
            Map<String, Object> claims = outcome != null && outcome.succeeded()
                    ? claimsOf.apply(outcome.user().id())
                    : null;
            if (claims != null && outcome.action() == UserProvisioning.Action.CREATE) {
                // The id a new user gets is only known when it is created.
                claims.remove("sub");
            }
            return new Explanation(reason == null ? "ACCEPTED" : "REFUSED", reason, report.checks(), user, claims);
        }
    }

    /** The user the login would sign in, link or create ({@code userId} only of an existing user). */
    public record UserView(
            String action,
            String userId,
            String userName,
            String email,
            Boolean emailVerified,
            String givenName,
            String familyName,
            String displayName,
            List<String> roles) {

        static UserView of(UserProvisioning.Outcome outcome, UserProfile profile, Result result) {
            if (outcome == null) {
                return new UserView("REFUSE", null, null, null, null, null, null, null, null);
            }
            List<String> roles = profile.roles();
            if (outcome.succeeded()) {
                var user = outcome.user();
                boolean created = outcome.action() == UserProvisioning.Action.CREATE;
                return new UserView(
                        outcome.action().name(),
                        created ? null : user.id(),
                        user.userName(),
                        user.email(),
                        user.emailVerified(),
                        user.givenName(),
                        user.familyName(),
                        user.displayName(),
                        roles);
            }
            String sub = result instanceof NeedsConfirmation confirm ? confirm.sub() : null;
            return new UserView(
                    outcome.action().name(),
                    null,
                    sub == null ? null : UserProfile.wantedUserName(sub, profile),
                    profile.email(),
                    profile.emailVerified(),
                    profile.givenName(),
                    profile.familyName(),
                    profile.name(),
                    roles);
        }
    }
}
