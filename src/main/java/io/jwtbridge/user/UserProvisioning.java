package io.jwtbridge.user;

import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.idp.ProviderOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

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

    private static final String LOGIN_EVENT = "user.login.succeeded";

    /** A returning user's condition: its row still the version read, active, linked to the identity. */
    private static final String AS_READ_CONDITIONS = " and exists (select 1 from bridge_user u join user_link l"
            + " on l.user_id = u.id where u.id = :returningUser and u.xmin = cast(:returningVersion as xid)"
            + " and u.state = :returningActive and l.idp_id = :returningIdp and l.external_user_id = :returningSub";

    private static final String AS_READ = AS_READ_CONDITIONS + ")";

    /** The same, and the link holds the roles the token maps. */
    private static final String AS_READ_WITH_ROLES = AS_READ_CONDITIONS + " and l.roles = :returningRoles)";

    private final JdbcClient jdbc;
    private final Users users;
    private final AuditLog auditLog;
    private final AutoLinking linking;
    private final UserRegistrations registrations;
    private final ProfileRefresh refresh;
    private final JsonMapper json;
    private final ReturningUsers returning;

    UserProvisioning(
            JdbcClient jdbc,
            Users users,
            AuditLog auditLog,
            AutoLinking linking,
            UserRegistrations registrations,
            ProfileRefresh refresh,
            JsonMapper json,
            ReturningUsers returning) {
        this.json = json;
        this.returning = returning;
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
    public record Outcome(User user, String reason, String refusal, boolean needsConfirmation, Action action) {

        static Outcome of(User user, Action action) {
            return new Outcome(user, null, null, false, action);
        }

        static Outcome refused(String reason, String refusal) {
            return new Outcome(null, reason, refusal, false, Action.REFUSE);
        }

        static Outcome confirmation() {
            return new Outcome(null, null, null, true, Action.CONFIRM);
        }

        public boolean succeeded() {
            return user != null;
        }
    }

    /** What a login did with its identity (the explain endpoint's {@code user.action}). */
    public enum Action {
        EXISTING,
        CREATE,
        LINK_BY_USERNAME,
        LINK_BY_EMAIL,
        CONFIRM,
        REFUSE
    }

    /**
     * A returning user as this instance read it: the identity, the version of the user's row, and
     * the roles the token maps (a JSON array; null when the IdP maps none).
     */
    public record Returning(String userId, String idpId, String sub, String version, String roles) {}

    /**
     * A linked, active user this instance signed in lately whose login with these claims would
     * write nothing but its event (no profile change, the link's roles as they are): the caller
     * may finish it with {@link #signInReturning}, without reading the user; empty otherwise.
     */
    public Optional<Returning> returning(String idpId, ProviderOptions options, String sub, UserProfile profile) {
        return returning
                .find(idpId, sub)
                .filter(known -> known.user().active())
                .filter(known -> !options.autoUpdate() || ProfileRefresh.leavesAsIs(known.user(), profile))
                .map(known -> new Returning(
                        known.user().id(),
                        idpId,
                        sub,
                        known.version(),
                        profile.roles() == null ? null : json.writeValueAsString(profile.roles())));
    }

    /**
     * Finishes a returning user's login in one statement: the caller's change {@code update}
     * (an UPDATE with named parameters that ends in its WHERE clause) runs only while the user's
     * row is still the version this instance read, active and linked to the identity (with the
     * roles the token maps, when it maps any), and the login's event is written with it. False
     * when the change touched no row: nothing was written, and the caller signs the user in the
     * ordinary way ({@link #signIn}).
     */
    public boolean signInReturning(Returning user, String update, Map<String, ?> params) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("returningUser", user.userId());
        all.put("returningVersion", user.version());
        all.put("returningActive", User.ACTIVE);
        all.put("returningIdp", user.idpId());
        all.put("returningSub", user.sub());
        if (user.roles() != null) {
            all.put("returningRoles", user.roles());
        }
        boolean done = auditLog.changeWithEvent(
                        update + (user.roles() == null ? AS_READ : AS_READ_WITH_ROLES),
                        all,
                        "user",
                        user.userId(),
                        LOGIN_EVENT,
                        "idp:" + user.idpId(),
                        loginPayload(user.idpId()))
                == 1;
        if (!done) {
            returning.forget(user.idpId(), user.sub());
        }
        return done;
    }

    @Transactional
    public Outcome signIn(String idpId, ProviderOptions options, String sub, UserProfile profile) {
        Optional<Users.Versioned> linked = users.findLinked(idpId, sub);
        if (linked.isEmpty()) {
            if (!options.autoLinks() && !options.creationAllowed()) {
                return unknownUser();
            }
            lock(idpId, sub);
            linked = users.findLinked(idpId, sub);
        }
        if (linked.isPresent()) {
            Outcome outcome =
                    signInLinked(linked.get().user(), idpId, sub, options.autoUpdate(), profile, Action.EXISTING);
            if (outcome.user() == linked.get().user()) {
                // Active, and its row not changed by this login: the next one may skip the read.
                returning.remember(idpId, sub, outcome.user(), linked.get().version());
            }
            return outcome;
        }
        if (options.autoLinks()) {
            AutoLinking.Result result = linking.link(idpId, options.autoLinking(), sub, profile);
            if (result instanceof AutoLinking.Linked link) {
                return signInLinked(link.user(), idpId, sub, options.autoUpdate(), profile, linkAction(options));
            }
            if (result instanceof AutoLinking.Deactivated) {
                return deactivated();
            }
            Optional<Users.Versioned> raced = users.findLinked(idpId, sub);
            if (raced.isPresent()) {
                return signInLinked(raced.get().user(), idpId, sub, options.autoUpdate(), profile, Action.EXISTING);
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
        Optional<Users.Versioned> linked = users.findLinked(idpId, sub);
        if (linked.isPresent()) {
            return signInLinked(linked.get().user(), idpId, sub, false, profile, Action.EXISTING);
        }
        return register(idpId, sub, profile);
    }

    private Outcome register(String idpId, String sub, UserProfile profile) {
        User registered = registrations.register(idpId, sub, profile);
        keepRoles(idpId, sub, profile);
        loginEvent(registered.id(), idpId);
        return Outcome.of(registered, Action.CREATE);
    }

    private Outcome signInLinked(
            User user, String idpId, String sub, boolean autoUpdate, UserProfile profile, Action action) {
        if (!user.active()) {
            return deactivated();
        }
        User current = autoUpdate ? refresh.refresh(user, idpId, profile) : user;
        keepRoles(idpId, sub, profile);
        loginEvent(user.id(), idpId);
        return Outcome.of(current, action);
    }

    private static Action linkAction(ProviderOptions options) {
        return options.autoLinking() == io.jwtbridge.idp.AutoLinkingOption.AUTO_LINKING_OPTION_EMAIL
                ? Action.LINK_BY_EMAIL
                : Action.LINK_BY_USERNAME;
    }

    /** The roles a claim mapping found, kept on the link (nothing when the IdP maps none). */
    private void keepRoles(String idpId, String sub, UserProfile profile) {
        if (profile.roles() == null) {
            return;
        }
        jdbc.sql("""
                        update user_link set roles = :roles
                        where idp_id = :idp and external_user_id = :sub and roles is distinct from :roles
                        """)
                .param("roles", json.writeValueAsString(profile.roles()))
                .param("idp", idpId)
                .param("sub", sub)
                .update();
    }

    private void lock(String idpId, String sub) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", idpId + ":" + sub)
                .query()
                .singleRow();
    }

    /**
     * The login's event: nobody needs its sequence, so it is left pending for the caller's own
     * change in this transaction to write (a browser login's flow step), else written at the commit.
     */
    private void loginEvent(String userId, String idpId) {
        auditLog.appendWithNextChange("user", userId, LOGIN_EVENT, "idp:" + idpId, loginPayload(idpId));
    }

    private static Map<String, String> loginPayload(String idpId) {
        return Map.of("idpId", idpId);
    }

    private static Outcome unknownUser() {
        return Outcome.refused(UNKNOWN_USER, "no user is linked to this identity and the IdP does not register users");
    }

    private static Outcome deactivated() {
        return Outcome.refused(NO_USER, "the user is deactivated");
    }
}
