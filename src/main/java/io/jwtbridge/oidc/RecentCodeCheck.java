package io.jwtbridge.oidc;

import io.jwtbridge.user.User;
import io.jwtbridge.user.Users;
import java.security.Principal;
import java.util.List;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Whether a code this instance has just stored ({@link RecentCodes}) may still be redeemed: not
 * redeemed meanwhile at any instance, and its user still active. The same statement reads the user
 * and its roles through the IdP of the sign-in, which the tokens of this request then carry
 * ({@link UserClaims}): the token request reads the user no second time.
 */
final class RecentCodeCheck {

    private static final String SQL = "SELECT a.code_redeemed, " + Users.WITH_ROLES_COLUMNS
            + " FROM oauth2_authorization a JOIN bridge_user u ON u.id = a.principal_name AND u.state = ?"
            + " LEFT JOIN user_link l ON l.user_id = u.id AND l.idp_id = ? WHERE a.id = ?";

    private RecentCodeCheck() {}

    private record Row(boolean redeemed, Users.WithRoles user) {}

    static boolean redeemable(JdbcOperations jdbc, OAuth2Authorization recent) {
        String idpId = UserClaims.idpOf(
                recent.getAttribute(Principal.class.getName()) instanceof Authentication signIn ? signIn : null);
        List<Row> rows = jdbc.query(
                SQL,
                (rs, rowNum) -> new Row(rs.getBoolean("code_redeemed"), Users.mapWithRoles(rs, rowNum)),
                User.ACTIVE,
                idpId,
                recent.getId());
        if (rows.size() != 1 || rows.get(0).redeemed()) {
            return false;
        }
        UserClaims.remember(rows.get(0).user(), idpId);
        return true;
    }
}
