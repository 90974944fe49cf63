package io.jwtbridge.user;

import io.jwtbridge.web.Details;
import io.jwtbridge.web.ListDetails;
import java.util.List;

/** The answers of the users admin API, in ZITADEL's shapes. */
final class UserResponses {

    private UserResponses() {}

    record Profile(String givenName, String familyName, String displayName, String preferredLanguage) {}

    record Email(String email, boolean isEmailVerified) {}

    record UserView(String id, Details details, String state, String userName, Profile profile, Email email) {

        static UserView of(User user, String resourceOwner) {
            return new UserView(
                    user.id(),
                    Details.read(user.sequence(), user.createdAt(), user.changedAt(), resourceOwner),
                    user.state(),
                    user.userName(),
                    new Profile(user.givenName(), user.familyName(), user.displayName(), user.preferredLanguage()),
                    new Email(user.email(), user.emailVerified()));
        }
    }

    record LinkView(String idpId, String userId, String externalUserId, String providedUserName, Details details) {

        static LinkView of(UserAdminRepository.Link link, String resourceOwner) {
            return new LinkView(
                    link.idpId(),
                    link.userId(),
                    link.externalUserId(),
                    link.providedUserName(),
                    Details.read(link.sequence(), link.createdAt(), link.createdAt(), resourceOwner));
        }
    }

    record GetUserResponse(UserView user) {}

    record ListUsersResponse(ListDetails details, List<UserView> result) {}

    record ListLinksResponse(ListDetails details, List<LinkView> result) {}

    record ChangeResponse(Details details) {}
}
