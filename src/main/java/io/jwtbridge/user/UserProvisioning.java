package io.jwtbridge.user;

import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.idp.ProviderOptions;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the user linked to (IdP, sub), or links or registers one as the IdP's provider options allow
 * (docs/login-flow.md step 5).
 *
 * <p>Rules: a linked user is found through its link. Without a link, automatic linking (when the IdP
 * allows linking and names a way) may link the identity to the one existing user with the token's
 * user name, or with the token's verified email ({@link AutoLinking}); otherwise, or when that finds
 * no single candidate, the creation options decide: creation and automatic creation register a user
 * ({@link UserRegistrations}), creation alone asks the browser first ({@link Outcome#confirmation}),
 * neither refuses ({@value #UNKNOWN_USER}). Concurrent first logins of one {@code sub} are serialised
 * by a transaction-scoped advisory lock on (IdP, sub), and the link's keys are the backstop. With
 * automatic update the profile is refreshed from the claims at every login ({@link ProfileRefresh}).
 */
@Service
public class UserProvisioning {

    /** The refusal reason of an identity no user is linked to, which the IdP neither links nor registers. */
    public static final String UNKNOWN_USER = "unknown_user";

    /** The refusal reason of a deactivated user. */
    public static final String NO_USER = "no_user";

    private final JdbcClient jdbc;
    private final Users users;
    private final AuditLog auditLog;
    private final AutoLinking linking;
    private final UserRegistrations registrations;
    private final ProfileRefresh refresh;

    UserProvisioning(
            JdbcClient jdbc,
            Users users,
            AuditLog auditLog,
            AutoLinking linking,
            UserRegistrations registrations,
            ProfileRefresh refresh) {
        this.jdbc = jdbc;
        this.users = users;
        this.auditLog = auditLog;
        this.linking = linking;
        this.registrations = registrations;
        this.refresh = refresh;
    }

    /**
     * The result of a login: the user, a refusal (reason and description), or the need to ask the
     * browser before a user is created (nothing written yet).
     */
    public record Outcome(User user, String reason, String refusal, boolean needsConfirmation) {

        static Outcome of(User user) {
            return new Outcome(user, null, null, false);
        }

        static Outcome refused(String reason, String refusal) {
            return new Outcome(null, reason, refusal, false);
        }

        static Outcome confirmation() {
            return new Outcome(null, null, null, true);
        }

        public boolean succeeded() {
            return user != null;
        }
    }

    @Transactional
    public Outcome signIn(String idpId, ProviderOptions options, String sub, UserProfile profile) {
        Optional<User> linked = users.findLinked(idpId, sub);
        if (linked.isEmpty()) {
            if (!options.autoLinks() && !options.creationAllowed()) {
                return unknownUser();
            }
            lock(idpId, sub);
            linked = users.findLinked(idpId, sub);
        }
        if (linked.isPresent()) {
            return signInLinked(linked.get(), idpId, options.autoUpdate(), profile);
        }
        if (options.autoLinks()) {
            AutoLinking.Result result = linking.link(idpId, options.autoLinking(), sub, profile);
            if (result instanceof AutoLinking.Linked link) {
                return signInLinked(link.user(), idpId, options.autoUpdate(), profile);
            }
            if (result instanceof AutoLinking.Deactivated) {
                return deactivated();
            }
            Optional<User> raced = users.findLinked(idpId, sub);
            if (raced.isPresent()) {
                return signInLinked(raced.get(), idpId, options.autoUpdate(), profile);
            }
        }
        if (!options.creationAllowed()) {
            return unknownUser();
        }
        if (!options.autoCreation()) {
            return Outcome.confirmation();
        }
        return register(idpId, sub, profile);
    }

    /**
     * The browser confirmed the creation of an account for this identity: registers it (or signs in
     * the user linked to it meanwhile). The caller checks that the IdP still allows creation.
     */
    @Transactional
    public Outcome registerConfirmed(String idpId, String sub, UserProfile profile) {
        lock(idpId, sub);
        Optional<User> linked = users.findLinked(idpId, sub);
        if (linked.isPresent()) {
            return signInLinked(linked.get(), idpId, false, profile);
        }
        return register(idpId, sub, profile);
    }

    private Outcome register(String idpId, String sub, UserProfile profile) {
        User registered = registrations.register(idpId, sub, profile);
        loginEvent(registered.id(), idpId);
        return Outcome.of(registered);
    }

    private Outcome signInLinked(User user, String idpId, boolean autoUpdate, UserProfile profile) {
        if (!user.active()) {
            return deactivated();
        }
        User current = autoUpdate ? refresh.refresh(user, idpId, profile) : user;
        loginEvent(user.id(), idpId);
        return Outcome.of(current);
    }

    private void lock(String idpId, String sub) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", idpId + ":" + sub)
                .query()
                .singleRow();
    }

    private void loginEvent(String userId, String idpId) {
        auditLog.append("user", userId, "user.login.succeeded", "idp:" + idpId, Map.of("idpId", idpId));
    }

    private static Outcome unknownUser() {
        return Outcome.refused(UNKNOWN_USER, "no user is linked to this identity and the IdP does not register users");
    }

    private static Outcome deactivated() {
        return Outcome.refused(NO_USER, "the user is deactivated");
    }
}
