package io.jwtbridge.oidc;

import io.jwtbridge.user.User;
import java.util.Map;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The statements of {@link SingleUseCodeAuthorizationStore}: the Authorization Server's own
 * (its columns, in its parameter order) with the conditions that make codes and refresh tokens
 * single use and leave the grants of inactive users alone.
 */
final class AuthorizationStatements {

    private AuthorizationStatements() {}

    static final String COLUMNS = "id, registered_client_id, principal_name, authorization_grant_type,"
            + " authorized_scopes, attributes, state, authorization_code_value, authorization_code_issued_at,"
            + " authorization_code_expires_at, authorization_code_metadata, access_token_value,"
            + " access_token_issued_at, access_token_expires_at, access_token_metadata, access_token_type,"
            + " access_token_scopes, oidc_id_token_value, oidc_id_token_issued_at, oidc_id_token_expires_at,"
            + " oidc_id_token_metadata, refresh_token_value, refresh_token_issued_at, refresh_token_expires_at,"
            + " refresh_token_metadata, user_code_value, user_code_issued_at, user_code_expires_at,"
            + " user_code_metadata, device_code_value, device_code_issued_at, device_code_expires_at,"
            + " device_code_metadata";

    static final String SET_SQL = "UPDATE oauth2_authorization SET registered_client_id = ?,"
            + " principal_name = ?, authorization_grant_type = ?, authorized_scopes = ?, attributes = ?, state = ?,"
            + " authorization_code_value = ?, authorization_code_issued_at = ?, authorization_code_expires_at = ?,"
            + " authorization_code_metadata = ?, access_token_value = ?, access_token_issued_at = ?,"
            + " access_token_expires_at = ?, access_token_metadata = ?, access_token_type = ?,"
            + " access_token_scopes = ?, oidc_id_token_value = ?, oidc_id_token_issued_at = ?,"
            + " oidc_id_token_expires_at = ?, oidc_id_token_metadata = ?, refresh_token_value = ?,"
            + " refresh_token_issued_at = ?, refresh_token_expires_at = ?, refresh_token_metadata = ?,"
            + " user_code_value = ?, user_code_issued_at = ?, user_code_expires_at = ?, user_code_metadata = ?,"
            + " device_code_value = ?, device_code_issued_at = ?, device_code_expires_at = ?,"
            + " device_code_metadata = ?";

    /** The Authorization Server's own update: of a row that is there, never an insert. */
    static final String UPDATE_SQL = SET_SQL + " WHERE id = ?";

    /** The Authorization Server's own update, plus the claim of the code. */
    static final String UPDATE_AND_CLAIM_SQL = SET_SQL + ", code_redeemed = true WHERE id = ?";

    static final String OF_ACTIVE_USER = " AND EXISTS (SELECT 1 FROM bridge_user u"
            + " WHERE u.id = oauth2_authorization.principal_name AND u.state = '" + User.ACTIVE + "')";

    /** The redemption: only of a code not redeemed yet, of an active user. */
    static final String REDEEM_SQL = UPDATE_AND_CLAIM_SQL + " AND code_redeemed = false" + OF_ACTIVE_USER;

    /**
     * The redemption when only the tokens changed (the Authorization Server's code grant changes
     * nothing else): the code's metadata (invalidated) and the new tokens, not the attributes that
     * are already stored, on the same conditions as {@link #REDEEM_SQL}.
     */
    static final String REDEEM_TOKENS_SQL = "UPDATE oauth2_authorization SET authorization_code_metadata = ?,"
            + " access_token_value = ?, access_token_issued_at = ?, access_token_expires_at = ?,"
            + " access_token_metadata = ?, access_token_type = ?, access_token_scopes = ?, oidc_id_token_value = ?,"
            + " oidc_id_token_issued_at = ?, oidc_id_token_expires_at = ?, oidc_id_token_metadata = ?,"
            + " refresh_token_value = ?, refresh_token_issued_at = ?, refresh_token_expires_at = ?,"
            + " refresh_token_metadata = ?, code_redeemed = true WHERE id = ? AND code_redeemed = false"
            + OF_ACTIVE_USER;

    /**
     * The parameters of {@link #REDEEM_TOKENS_SQL}, as positions in the Authorization Server's
     * parameter list: the code's metadata, the access token's 6, the ID token's 4, the refresh
     * token's 4, then the id.
     */
    static final int[] REDEEM_TOKENS_PARAMETERS = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 0};

    /**
     * A refresh: only while the refresh token is still the one the request found, as it was found
     * (not rotated by a parallel refresh, not revoked meanwhile), of an active user.
     */
    static final String REFRESH_SQL = UPDATE_SQL
            + " AND refresh_token_value = ? AND refresh_token_metadata IS NOT DISTINCT FROM ?" + OF_ACTIVE_USER;

    /**
     * A new authorization with a new code: a plain insert, with no existence check before it and
     * no {@code ON CONFLICT} (whose speculative insertion costs an index probe and more WAL): its id
     * is a random UUID the Authorization Server has just made, and the bridge's apps never ask for
     * consent (the one flow that stores an authorization before its code).
     */
    static final String INSERT_NEW_SQL =
            "INSERT INTO oauth2_authorization (" + COLUMNS + ") VALUES (" + "?, ".repeat(32) + "?)";

    /** A token lookup by its hashed column; a user's grant only while the user is active. */
    static final String FIND_SQL = "SELECT " + COLUMNS + " FROM oauth2_authorization"
            + " WHERE (%s) AND (authorization_grant_type = 'client_credentials' OR EXISTS (SELECT 1 FROM bridge_user u"
            + " WHERE u.id = oauth2_authorization.principal_name AND u.state = '" + User.ACTIVE + "'))";

    static final Map<OAuth2TokenType, String> COLUMN = Map.of(
            OAuth2TokenType.ACCESS_TOKEN,
            "access_token_value",
            OAuth2TokenType.REFRESH_TOKEN,
            "refresh_token_value",
            new OAuth2TokenType(OidcParameterNames.ID_TOKEN),
            "oidc_id_token_value");

    /** Without a type hint: every hashed token column (each indexed), never the state. */
    static final String ANY_TOKEN = "authorization_code_value = ? OR access_token_value = ?"
            + " OR refresh_token_value = ? OR oidc_id_token_value = ?";
}
