package io.jwtbridge.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An error body that is both RFC 9457 problem details and ZITADEL's gateway error:
 * {@code {"type","title","status","detail","code","message","details":[{"id","message"}]}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        String type, String title, int status, String detail, int code, String message, List<Detail> details) {

    public record Detail(String id, String message) {}

    public static ApiError of(ErrorCode code, String id, String message) {
        return new ApiError(
                code.type(),
                code.status().getReasonPhrase(),
                code.status().value(),
                message,
                code.grpcCode(),
                message + " (" + id + ")",
                List.of(new Detail(id, message)));
    }

    public ResponseEntity<ApiError> toResponse() {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(this);
    }
}
