package io.jwtbridge.web;

import org.springframework.http.HttpStatus;

/** The gRPC codes ZITADEL's REST gateway answers with, and their HTTP status. */
public enum ErrorCode {
    INVALID_ARGUMENT(3, HttpStatus.BAD_REQUEST),
    NOT_FOUND(5, HttpStatus.NOT_FOUND),
    ALREADY_EXISTS(6, HttpStatus.CONFLICT),
    PERMISSION_DENIED(7, HttpStatus.FORBIDDEN),
    FAILED_PRECONDITION(9, HttpStatus.BAD_REQUEST),
    INTERNAL(13, HttpStatus.INTERNAL_SERVER_ERROR),
    UNAVAILABLE(14, HttpStatus.SERVICE_UNAVAILABLE),
    UNAUTHENTICATED(16, HttpStatus.UNAUTHORIZED);

    private final int grpcCode;
    private final HttpStatus status;

    ErrorCode(int grpcCode, HttpStatus status) {
        this.grpcCode = grpcCode;
        this.status = status;
    }

    public int grpcCode() {
        return grpcCode;
    }

    public HttpStatus status() {
        return status;
    }

    /** The RFC 9457 problem type of this code. */
    public String type() {
        return "urn:jwt-idp-bridge:problem:" + name().toLowerCase().replace('_', '-');
    }
}
