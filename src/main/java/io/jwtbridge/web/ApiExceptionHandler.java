package io.jwtbridge.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every refusal into the ZITADEL-shaped problem body of {@link ApiProblems}. Bad input is a
 * 4xx that names the offending field; only a fault of the bridge itself is a 500, and its details
 * stay in the log.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApiException(ApiException ex) {
        return ApiProblems.response(ApiProblems.of(ex.code(), ex.id(), ex.getMessage()));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> handleDataIntegrityViolation(DataIntegrityViolationException ex) {
        log.info("Refused a change that conflicts with stored data: {}", describe(ex.getMostSpecificCause()));
        return ApiProblems.response(
                ApiProblems.of(ErrorCode.ALREADY_EXISTS, "DB-Conflict", "the change conflicts with existing data"));
    }

    /** SQL state and constraint name only: the database's message may quote the values. */
    private static String describe(Throwable cause) {
        if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            return "SQL state " + psql.getSQLState() + ", constraint "
                    + psql.getServerErrorMessage().getConstraint() + ", table "
                    + psql.getServerErrorMessage().getTable();
        }
        return cause.getClass().getName()
                + (cause instanceof java.sql.SQLException sql ? " (SQL state " + sql.getSQLState() + ")" : "");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
        if (DatabaseUnavailable.in(ex)) {
            log.warn("Database unavailable, answered 503 to an API request");
            return ResponseEntity.status(503)
                    .header("Retry-After", "1")
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ApiProblems.of(
                            ErrorCode.UNAVAILABLE, "DB-Unavailable", "the database cannot be reached; try again"));
        }
        log.error("Unexpected error answering an API request", ex);
        return ApiProblems.response(ApiProblems.of(ErrorCode.INTERNAL, "Internal", "internal error"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String requestName = ex.getTarget() == null
                ? ex.getObjectName()
                : ex.getTarget().getClass().getSimpleName();
        String message = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> describe(ex.getTarget(), requestName, error))
                .sorted()
                .collect(Collectors.joining("; "));
        if (message.isEmpty()) {
            message = "invalid " + requestName;
        }
        return body(ApiProblems.of(ErrorCode.INVALID_ARGUMENT, "REQ-Invalid", message), headers);
    }

    private static String describe(Object target, String requestName, FieldError error) {
        return "invalid " + requestName + "." + fieldName(target, error.getField()) + ": " + error.getDefaultMessage();
    }

    /**
     * The field as the client sent it: a member of a {@code @JsonUnwrapped} part of the request sits
     * beside the others in the JSON, so that part's name is left out.
     */
    static String fieldName(Object target, String path) {
        int dot = path.indexOf('.');
        if (target == null || dot < 0) {
            return path;
        }
        try {
            return target.getClass().getDeclaredField(path.substring(0, dot)).isAnnotationPresent(JsonUnwrapped.class)
                    ? path.substring(dot + 1)
                    : path;
        } catch (NoSuchFieldException ex) {
            return path;
        }
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(ApiProblems.of(ErrorCode.INVALID_ARGUMENT, "REQ-Invalid", "invalid request parameters"), headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(ApiProblems.of(ErrorCode.INVALID_ARGUMENT, "REQ-Unreadable", unreadableMessage(ex)), headers);
    }

    /** Names the field a JSON body got wrong, without echoing the value. */
    private static String unreadableMessage(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null
                            ? reference.getPropertyName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            return "invalid value for field " + field + ": " + reasonOf(databind);
        }
        if (cause instanceof JacksonException) {
            return "malformed JSON in request body";
        }
        return "request body missing or not readable";
    }

    private static String reasonOf(DatabindException ex) {
        String name = ex.getClass().getSimpleName();
        return switch (name) {
            case "InvalidFormatException" -> "value not accepted (wrong format or unknown enum value)";
            case "MismatchedInputException" -> "wrong JSON type";
            default -> "not accepted";
        };
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        String reason = status == null ? "error" : status.getReasonPhrase().toLowerCase();
        ErrorCode code = switch (statusCode.value()) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.PERMISSION_DENIED;
            default -> statusCode.is5xxServerError() ? ErrorCode.INTERNAL : ErrorCode.INVALID_ARGUMENT;
        };
        String id = "REQ-" + statusCode.value();
        ProblemDetail error = ApiProblems.of(code, id, reason);
        // Spring's own status (e.g. 415, 405), with the nearest gRPC code.
        error.setStatus(statusCode.value());
        error.setTitle(status == null ? reason : status.getReasonPhrase());
        return body(error, headers);
    }

    private static ResponseEntity<Object> body(ProblemDetail error, HttpHeaders headers) {
        HttpHeaders answer = new HttpHeaders();
        if (headers != null) {
            answer.putAll(headers);
        }
        answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(error.getStatus()).headers(answer).body(error);
    }
}
