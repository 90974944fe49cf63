package io.jwtbridge.idp;

public enum IdpState {
    IDP_STATE_ACTIVE,
    IDP_STATE_INACTIVE
}
