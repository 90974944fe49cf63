package io.jwtbridge.idp;

/**
 * Published after a change to an IdP commits, so that whatever caches it (its key source) can
 * drop or refresh it.
 *
 * @param idpId the IdP
 * @param kind what happened to it
 * @param configVersion the version of its jwt_config after the change
 */
public record IdpChanged(String idpId, Kind kind, long configVersion) {

    public enum Kind {
        ADDED,
        CHANGED,
        JWT_CONFIG_CHANGED,
        DEACTIVATED,
        REACTIVATED,
        REMOVED
    }
}
