package io.jwtbridge.oidc;

import static io.jwtbridge.oidc.AuthorizationStatements.ANY_TOKEN;
import static io.jwtbridge.oidc.AuthorizationStatements.COLUMN;
import static io.jwtbridge.oidc.AuthorizationStatements.COLUMNS;
import static io.jwtbridge.oidc.AuthorizationStatements.FIND_SQL;
import static io.jwtbridge.oidc.AuthorizationStatements.INSERT_NEW_SQL;
import static io.jwtbridge.oidc.AuthorizationStatements.REDEEM_SQL;
import static io.jwtbridge.oidc.AuthorizationStatements.REDEEM_TOKENS_PARAMETERS;
import static io.jwtbridge.oidc.AuthorizationStatements.REDEEM_TOKENS_SQL;
import static io.jwtbridge.oidc.AuthorizationStatements.REFRESH_SQL;
import static io.jwtbridge.oidc.AuthorizationStatements.UPDATE_AND_CLAIM_SQL;
import static io.jwtbridge.oidc.AuthorizationStatements.UPDATE_SQL;

import io.jwtbridge.user.User;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Spring Authorization Server's JDBC store, with authorization codes that are redeemed at most once
 * under concurrency, at no extra write: the redemption's own update of the authorization (which
 * stores the tokens and marks the code used) is conditional on the code not being redeemed yet. Of
 * parallel redemptions exactly one update succeeds; the others get {@code invalid_grant}, and the
 * tokens they made are never stored or sent. That update writes only the code's metadata and the
 * tokens when nothing else changed (always, for the code grant), not the stored attributes.
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
 * also kept in memory until the code is redeemed or expires ({@link RecentCodes}, bounded by count
 * and size), so a token request that reaches the same instance does not parse it back: it only
 * reads whether the row is still there unredeemed with an active user (a replay of a code redeemed
 * at another instance goes to the Authorization Server's replay handling), and the redemption's
 * conditional update still decides.
 *
 * <p>Every token lookup finds only the grants of active users (client_credentials grants have no
 * user), by the token's hashed column; one without a type hint looks in the four hashed token
 * columns, each indexed, never in the state. An authorization a lookup found is saved back with an
 * UPDATE only, never inserted again, so one that a deactivation deleted meanwhile stays deleted. A
 * refresh claims its refresh token: its update only succeeds while the row still holds the refresh
 * token the request found, unrevoked, of an active user; of parallel refreshes exactly one wins.
 */
final class SingleUseCodeAuthorizationStore extends JdbcOAuth2AuthorizationService {

    private static final OAuth2TokenType CODE = new OAuth2TokenType("code");

    private final RecentCodes recentCodes = new RecentCodes();

    SingleUseCodeAuthorizationStore(JdbcOperations jdbc, RegisteredClientRepository clients) {
        super(jdbc, clients);
    }

    /** {@code hash} is the stored form of the token. */
    @Override
    public OAuth2Authorization findByToken(String hash, OAuth2TokenType tokenType) {
        TokenRequestMemory request = TokenRequestMemory.current();
        if (CODE.equals(tokenType)) {
            return request.seen(findByCode(request, hash));
        }
        if (tokenType != null && !COLUMN.containsKey(tokenType)) {
            return request.seen(super.findByToken(hash, tokenType));
        }
        String where = tokenType == null ? ANY_TOKEN : COLUMN.get(tokenType) + " = ?";
        Object[] values = tokenType == null ? new Object[] {hash, hash, hash, hash} : new Object[] {hash};
        List<Read> rows = getJdbcOperations()
                .query(
                        FIND_SQL.formatted(where),
                        (rs, rowNum) -> new Read(
                                getAuthorizationRowMapper().mapRow(rs, rowNum), rs.getString("refresh_token_metadata")),
                        values);
        if (rows.isEmpty()) {
            return null;
        }
        Read row = rows.get(0);
        if (OAuth2TokenType.REFRESH_TOKEN.equals(tokenType)) {
            request.refreshing(
                    new TokenRequestMemory.Refresh(row.authorization().getId(), hash, row.refreshMetadata()));
        }
        return request.seen(row.authorization());
    }

    private record Read(OAuth2Authorization authorization, String refreshMetadata) {}

    private OAuth2Authorization findByCode(TokenRequestMemory request, String hash) {
        OAuth2Authorization found = request.found();
        if (found != null && hash.equals(codeOf(found))) {
            return found;
        }
        OAuth2Authorization recent = recentCodes.get(hash);
        if (recent != null) {
            OAuth2Authorization.Token<OAuth2AuthorizationCode> code = recent.getToken(OAuth2AuthorizationCode.class);
            // Not parsed back, but read: redeemed meanwhile (at any instance) means a replay, which
            // the database path below hands to the Authorization Server to revoke what it issued.
            if (code != null
                    && !code.isExpired()
                    && !code.isInvalidated()
                    && RecentCodeCheck.redeemable(getJdbcOperations(), recent)) {
                request.foundRedeemable(recent);
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
            request.foundRedeemable(authorization);
            return authorization;
        }
        // A replay (a redeemed code is always stored invalidated): the Authorization Server
        // refuses it and revokes what the code issued.
        request.foundReplay(authorization);
        return authorization;
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
        TokenRequestMemory request = TokenRequestMemory.current();
        OAuth2Authorization found = request.found();
        return found != null && found.getId().equals(id) ? found : request.seen(super.findById(id));
    }

    /**
     * An authorization a lookup of this request found is only ever updated, never inserted again:
     * one a user's deactivation (or the purge) deleted meanwhile stays deleted. A refresh claims its
     * refresh token ({@link AuthorizationStatements#REFRESH_SQL}), a redemption its code ({@link AuthorizationStatements#REDEEM_SQL}); the loser
     * of a race gets {@code invalid_grant}.
     */
    @Override
    public void save(OAuth2Authorization authorization) {
        TokenRequestMemory request = TokenRequestMemory.current();
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
        if (request.redeeming(authorization.getId()) && code != null && code.isInvalidated()) {
            redeem(request, authorization, code);
            return;
        }
        if (code != null) {
            recentCodes.remove(code.getToken().getTokenValue());
        }
        if (request.wasSeen(authorization.getId())) {
            TokenRequestMemory.Refresh refresh = request.takeRefresh(authorization.getId());
            if (refresh != null) {
                if (update(REFRESH_SQL, authorization, refresh.hash(), refresh.metadata()) == 0) {
                    throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
                }
                return;
            }
            boolean revokedCode = code != null && code.isInvalidated() && authorization.getAccessToken() == null;
            update(revokedCode ? UPDATE_AND_CLAIM_SQL : UPDATE_SQL, authorization);
            return;
        }
        if (code == null) {
            super.save(authorization);
            return;
        }
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
        List<SqlParameterValue> parameters = getAuthorizationParametersMapper().apply(authorization);
        if (authorization.getAccessToken() != null) {
            super.save(authorization);
        } else {
            getJdbcOperations().update(INSERT_NEW_SQL, new ArgumentPreparedStatementSetter(parameters.toArray()));
        }
        if (!code.isExpired()) {
            recentCodes.put(code.getToken().getTokenValue(), authorization, storedChars(parameters));
        }
    }

    private static long storedChars(List<SqlParameterValue> parameters) {
        return parameters.stream()
                .mapToLong(parameter -> parameter.getValue() instanceof String text ? text.length() : 8)
                .sum();
    }

    /** The redemption: tokens stored and the code claimed in one conditional update. */
    private void redeem(
            TokenRequestMemory request,
            OAuth2Authorization authorization,
            OAuth2Authorization.Token<OAuth2AuthorizationCode> code) {
        recentCodes.remove(code.getToken().getTokenValue());
        boolean tokensOnly = onlyTokensChanged(request.found(), authorization);
        request.redeemed();
        int updated = tokensOnly ? redeemTokens(authorization) : update(REDEEM_SQL, authorization);
        if (updated == 0) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
        }
    }

    /**
     * Whether the redemption changed only tokens of the authorization the request found: then the
     * stored attributes (the authorize request and the user's sign-in, the row's largest value)
     * are neither written again nor serialized.
     */
    private static boolean onlyTokensChanged(OAuth2Authorization found, OAuth2Authorization redeemed) {
        return found != null
                && found.getId().equals(redeemed.getId())
                && found.getRegisteredClientId().equals(redeemed.getRegisteredClientId())
                && found.getPrincipalName().equals(redeemed.getPrincipalName())
                && found.getAuthorizationGrantType().equals(redeemed.getAuthorizationGrantType())
                && found.getAuthorizedScopes().equals(redeemed.getAuthorizedScopes())
                && found.getAttributes().equals(redeemed.getAttributes())
                && redeemed.getToken(OAuth2UserCode.class) == null
                && redeemed.getToken(OAuth2DeviceCode.class) == null;
    }

    private int redeemTokens(OAuth2Authorization authorization) {
        OAuth2Authorization withoutAttributes =
                OAuth2Authorization.from(authorization).attributes(Map::clear).build();
        List<SqlParameterValue> all = getAuthorizationParametersMapper().apply(withoutAttributes);
        Object[] parameters =
                Arrays.stream(REDEEM_TOKENS_PARAMETERS).mapToObj(all::get).toArray();
        return getJdbcOperations().update(REDEEM_TOKENS_SQL, new ArgumentPreparedStatementSetter(parameters));
    }

    /** The Authorization Server's update statement's parameters (id, then {@code more}, last). */
    private int update(String sql, OAuth2Authorization authorization, Object... more) {
        List<Object> parameters =
                new ArrayList<>(getAuthorizationParametersMapper().apply(authorization));
        parameters.add(parameters.remove(0));
        parameters.addAll(List.of(more));
        return getJdbcOperations().update(sql, new ArgumentPreparedStatementSetter(parameters.toArray()));
    }

    private static String codeOf(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
        return code == null ? null : code.getToken().getTokenValue();
    }
}
