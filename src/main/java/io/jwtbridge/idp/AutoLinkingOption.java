package io.jwtbridge.idp;

/** ZITADEL's automatic linking of an unknown identity to an existing user. */
public enum AutoLinkingOption {
    AUTO_LINKING_OPTION_UNSPECIFIED,
    /** To the one user whose user name equals the token's (ignoring case). */
    AUTO_LINKING_OPTION_USERNAME,
    /** To the one user whose verified email equals the token's verified email (ignoring case). */
    AUTO_LINKING_OPTION_EMAIL
}
