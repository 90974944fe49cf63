package io.jwtbridge.web;

/**
 * A refusal a client can act on, answered as problem details in ZITADEL's shape.
 *
 * @see ErrorCode
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final String id;

    /**
     * @param code the gRPC-style code that picks the HTTP status
     * @param id a stable identifier of this error, as ZITADEL's error ids ({@code IDP-NotFound})
     * @param message what went wrong, safe to show to the client
     */
    public ApiException(ErrorCode code, String id, String message) {
        super(message, null, false, false);
        this.code = code;
        this.id = id;
    }

    public ErrorCode code() {
        return code;
    }

    public String id() {
        return id;
    }

    public static ApiException invalidArgument(String id, String message) {
        return new ApiException(ErrorCode.INVALID_ARGUMENT, id, message);
    }

    public static ApiException notFound(String id, String message) {
        return new ApiException(ErrorCode.NOT_FOUND, id, message);
    }

    public static ApiException alreadyExists(String id, String message) {
        return new ApiException(ErrorCode.ALREADY_EXISTS, id, message);
    }

    public static ApiException failedPrecondition(String id, String message) {
        return new ApiException(ErrorCode.FAILED_PRECONDITION, id, message);
    }
}
