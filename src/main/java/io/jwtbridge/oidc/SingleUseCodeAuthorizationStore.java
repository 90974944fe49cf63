package io.jwtbridge.oidc;

import io.jwtbridge.user.User;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Spring Authorization Server's JDBC store, with authorization codes that are redeemed at most once
 * under concurrency, at no extra write: the redemption's own update of the authorization (which
 * stores the tokens and marks the code used) is conditional on the code not being redeemed yet. Of
 * parallel redemptions exactly one update succeeds; the others get {@code invalid_grant}, and the
 * tokens they made are never stored or sent.
 *
 * <p>A code of a user who is no longer active cannot be redeemed, also when it was stored after the
 * deactivation removed the user's grants (an authorize request that was already running): the
 * lookups and the redemption's update join the user's state. A code revoked before its redemption
 * is marked redeemed, so no instance redeems it.
 *
 * <p>A new code's authorization is inserted without the existence check before it (its id is
 * random). The authorization a token request found is kept for the rest of that request, so the
 * second lookup of the code (PKCE, then the grant) and the store's existence check before the
 * update read nothing again. An authorization this instance has just stored with a new code is
 * also kept in memory until the code is redeemed or expires (at most {@value #RECENT_CODES} of
 * them), so a token request that reaches the same instance does not parse it back: it only reads
 * whether the row is still there unredeemed with an active user (a replay of a code redeemed at
 * another instance goes to the Authorization Server's replay handling), and the redemption's
 * conditional update still decides.
 */
final class SingleUseCodeAuthorizationStore extends JdbcOAuth2AuthorizationService {

    private static final OAuth2TokenType CODE = new OAuth2TokenType("code");
    private static final String FOUND = SingleUseCodeAuthorizationStore.class.getName() + ".found";
    private static final String REDEEMING = SingleUseCodeAuthorizationStore.class.getName() + ".redeeming";

    private static final String COLUMNS = "id, registered_client_id, principal_name, authorization_grant_type,"
            + " authorized_scopes, attributes, state, authorization_code_value, authorization_code_issued_at,"
            + " authorization_code_expires_at, authorization_code_metadata, access_token_value,"
            + " access_token_issued_at, access_token_expires_at, access_token_metadata, access_token_type,"
            + " access_token_scopes, oidc_id_token_value, oidc_id_token_issued_at, oidc_id_token_expires_at,"
            + " oidc_id_token_metadata, refresh_token_value, refresh_token_issued_at, refresh_token_expires_at,"
            + " refresh_token_metadata, user_code_value, user_code_issued_at, user_code_expires_at,"
            + " user_code_metadata, device_code_value, device_code_issued_at, device_code_expires_at,"
            + " device_code_metadata";

    /** The Authorization Server's own update, plus the claim of the code. */
    private static final String UPDATE_AND_CLAIM_SQL = "UPDATE oauth2_authorization SET registered_client_id = ?,"
            + " principal_name = ?, authorization_grant_type = ?, authorized_scopes = ?, attributes = ?, state = ?,"
            + " authorization_code_value = ?, authorization_code_issued_at = ?, authorization_code_expires_at = ?,"
            + " authorization_code_metadata = ?, access_token_value = ?, access_token_issued_at = ?,"
            + " access_token_expires_at = ?, access_token_metadata = ?, access_token_type = ?,"
            + " access_token_scopes = ?, oidc_id_token_value = ?, oidc_id_token_issued_at = ?,"
            + " oidc_id_token_expires_at = ?, oidc_id_token_metadata = ?, refresh_token_value = ?,"
            + " refresh_token_issued_at = ?, refresh_token_expires_at = ?, refresh_token_metadata = ?,"
            + " user_code_value = ?, user_code_issued_at = ?, user_code_expires_at = ?, user_code_metadata = ?,"
            + " device_code_value = ?, device_code_issued_at = ?, device_code_expires_at = ?,"
            + " device_code_metadata = ?, code_redeemed = true WHERE id = ?";

    /** The redemption: only of a code not redeemed yet, of an active user. */
    private static final String REDEEM_SQL = UPDATE_AND_CLAIM_SQL
            + " AND code_redeemed = false AND EXISTS (SELECT 1 FROM bridge_user u"
            + " WHERE u.id = oauth2_authorization.principal_name AND u.state = '" + User.ACTIVE + "')";

    /** A new authorization with a new code: no existence check before it (ids are random). */
    private static final String INSERT_NEW_SQL = "INSERT INTO oauth2_authorization (" + COLUMNS + ") VALUES ("
            + "?, ".repeat(32) + "?) ON CONFLICT (id) DO NOTHING";

    static final int RECENT_CODES = 10_000;

    /** Authorizations stored here with a code not yet redeemed, by the code's stored form. */
    private final Map<String, OAuth2Authorization> recentCodes =
            Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, OAuth2Authorization> eldest) {
                    return size() > RECENT_CODES;
                }
            });

    SingleUseCodeAuthorizationStore(JdbcOperations jdbc, RegisteredClientRepository clients) {
        super(jdbc, clients);
    }

    /** {@code hash} is the stored form of the code. */
    @Override
    public OAuth2Authorization findByToken(String hash, OAuth2TokenType tokenType) {
        if (!CODE.equals(tokenType)) {
            return super.findByToken(hash, tokenType);
        }
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        OAuth2Authorization found = foundInThisRequest(request);
        if (found != null && hash.equals(codeOf(found))) {
            return found;
        }
        OAuth2Authorization recent = recentCodes.get(hash);
        if (recent != null) {
            OAuth2Authorization.Token<OAuth2AuthorizationCode> code = recent.getToken(OAuth2AuthorizationCode.class);
            // Not parsed back, but read: redeemed meanwhile (at any instance) means a replay, which
            // the database path below hands to the Authorization Server to revoke what it issued.
            List<Boolean> redeemed = getJdbcOperations()
                    .queryForList(
                            "SELECT a.code_redeemed FROM oauth2_authorization a"
                                    + " JOIN bridge_user u ON u.id = a.principal_name AND u.state = ?"
                                    + " WHERE a.id = ?",
                            Boolean.class,
                            User.ACTIVE,
                            recent.getId());
            if (code != null && !code.isExpired() && !code.isInvalidated() && redeemed.equals(List.of(false))) {
                remember(request, recent);
                return recent;
            }
            recentCodes.remove(hash);
        }
        List<Row> rows = getJdbcOperations()
                .query(
                        "SELECT " + COLUMNS + ", code_redeemed FROM oauth2_authorization a"
                                + " WHERE authorization_code_value = ? AND EXISTS (SELECT 1 FROM bridge_user u"
                                + " WHERE u.id = a.principal_name AND u.state = ?)",
                        (rs, rowNum) ->
                                new Row(getAuthorizationRowMapper().mapRow(rs, rowNum), rs.getBoolean("code_redeemed")),
                        hash,
                        User.ACTIVE);
        if (rows.isEmpty()) {
            return null;
        }
        OAuth2Authorization authorization = rows.get(0).authorization();
        if (!rows.get(0).redeemed()) {
            remember(request, authorization);
            return authorization;
        }
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
        if (code == null || !code.isInvalidated()) {
            // Claimed by a redemption of the earlier design that never finished: unusable.
            return null;
        }
        // A replay: the Authorization Server refuses it and revokes what the code issued.
        if (request != null) {
            request.setAttribute(FOUND, authorization, RequestAttributes.SCOPE_REQUEST);
        }
        return authorization;
    }

    /** A not yet redeemed code's authorization, found by this request: the redemption may follow. */
    private static void remember(RequestAttributes request, OAuth2Authorization authorization) {
        if (request != null) {
            request.setAttribute(FOUND, authorization, RequestAttributes.SCOPE_REQUEST);
            request.setAttribute(REDEEMING, authorization.getId(), RequestAttributes.SCOPE_REQUEST);
        }
    }

    private record Row(OAuth2Authorization authorization, boolean redeemed) {}

    @Override
    public void remove(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
        if (code != null) {
            recentCodes.remove(code.getToken().getTokenValue());
        }
        super.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        OAuth2Authorization found = foundInThisRequest(RequestContextHolder.getRequestAttributes());
        return found != null && found.getId().equals(id) ? found : super.findById(id);
    }

    private static OAuth2Authorization foundInThisRequest(RequestAttributes request) {
        return request != null
                        && request.getAttribute(FOUND, RequestAttributes.SCOPE_REQUEST)
                                instanceof OAuth2Authorization found
                ? found
                : null;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
        if (request != null
                && authorization.getId().equals(request.getAttribute(REDEEMING, RequestAttributes.SCOPE_REQUEST))
                && code != null
                && code.isInvalidated()) {
            redeem(request, authorization, code);
            return;
        }
        if (code == null) {
            super.save(authorization);
            return;
        }
        recentCodes.remove(code.getToken().getTokenValue());
        if (code.isInvalidated()) {
            if (authorization.getAccessToken() == null) {
                // Revoked before it was redeemed: stored and claimed in one statement, so no
                // instance redeems it now, also one that still holds it in memory.
                update(UPDATE_AND_CLAIM_SQL, authorization);
            } else {
                super.save(authorization);
            }
            return;
        }
        if (authorization.getAccessToken() != null || !insertNew(authorization)) {
            super.save(authorization);
        }
        if (!code.isExpired()) {
            keep(code.getToken().getTokenValue(), authorization);
        }
    }

    private boolean insertNew(OAuth2Authorization authorization) {
        return getJdbcOperations()
                        .update(
                                INSERT_NEW_SQL,
                                new ArgumentPreparedStatementSetter(getAuthorizationParametersMapper()
                                        .apply(authorization)
                                        .toArray()))
                == 1;
    }

    /** The redemption: tokens stored and the code claimed in one conditional update. */
    private void redeem(
            RequestAttributes request,
            OAuth2Authorization authorization,
            OAuth2Authorization.Token<OAuth2AuthorizationCode> code) {
        recentCodes.remove(code.getToken().getTokenValue());
        request.removeAttribute(REDEEMING, RequestAttributes.SCOPE_REQUEST);
        request.removeAttribute(FOUND, RequestAttributes.SCOPE_REQUEST);
        if (update(REDEEM_SQL, authorization) == 0) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
        }
    }

    /** The Authorization Server's update statement's parameters (id last), for {@code sql}. */
    private int update(String sql, OAuth2Authorization authorization) {
        List<SqlParameterValue> parameters =
                new ArrayList<>(getAuthorizationParametersMapper().apply(authorization));
        parameters.add(parameters.remove(0));
        return getJdbcOperations().update(sql, new ArgumentPreparedStatementSetter(parameters.toArray()));
    }

    /** Keeps a new code's authorization; codes that expired meanwhile go first (oldest first). */
    private void keep(String hash, OAuth2Authorization authorization) {
        synchronized (recentCodes) {
            Iterator<OAuth2Authorization> oldest = recentCodes.values().iterator();
            while (oldest.hasNext()) {
                OAuth2Authorization.Token<OAuth2AuthorizationCode> code =
                        oldest.next().getToken(OAuth2AuthorizationCode.class);
                if (code != null && !code.isExpired()) {
                    break;
                }
                oldest.remove();
            }
            recentCodes.put(hash, authorization);
        }
    }

    private static String codeOf(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
        return code == null ? null : code.getToken().getTokenValue();
    }
}
