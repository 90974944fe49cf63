package io.jwtbridge.idp;

import io.jwtbridge.web.ApiException;
import org.springframework.util.StringUtils;

/** The errors of the IdP admin API, with ZITADEL's codes; each invalid field is named. */
final class IdpErrors {

    private IdpErrors() {}

    static ApiException notFound() {
        return ApiException.notFound("IDP-NotFound", "idp not found");
    }

    static ApiException nameTaken() {
        return ApiException.alreadyExists("IDP-NameTaken", "an idp with this name already exists");
    }

    static ApiException noChange() {
        return ApiException.failedPrecondition("IDP-NoChange", "idp has not been changed");
    }

    static ApiException invalidField(String field, String reason) {
        return ApiException.invalidArgument(
                "IDP-Invalid" + StringUtils.capitalize(field), "invalid " + field + ": " + reason);
    }
}
