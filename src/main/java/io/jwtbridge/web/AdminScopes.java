package io.jwtbridge.web;

/** The scopes that open the admin API. */
public final class AdminScopes {

    /** The bridge's own admin scope. */
    public static final String ADMIN = "admin";

    /** ZITADEL's scope for its own APIs, accepted as a synonym of {@link #ADMIN}. */
    public static final String ZITADEL_API = "urn:zitadel:iam:org:project:id:zitadel:aud";

    private AdminScopes() {}
}
