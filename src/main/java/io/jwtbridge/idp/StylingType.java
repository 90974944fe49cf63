package io.jwtbridge.idp;

/** How the login page styles an IdP's button. */
public enum StylingType {
    STYLING_TYPE_UNSPECIFIED,
    STYLING_TYPE_GOOGLE
}
