package io.jwtbridge.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The admin API's error body: Spring's RFC 9457 {@link ProblemDetail} whose properties make it
 * ZITADEL's gateway error too: {@code {"type","title","status","detail","code","message",
 * "details":[{"id","message"}]}}.
 */
public final class ApiProblems {

    private ApiProblems() {}

    /** One entry of ZITADEL's {@code details}. */
    public record Detail(String id, String message) {}

    public static ProblemDetail of(ErrorCode code, String id, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), message);
        problem.setType(URI.create(code.type()));
        problem.setTitle(code.status().getReasonPhrase());
        problem.setProperty("code", code.grpcCode());
        problem.setProperty("message", message + " (" + id + ")");
        problem.setProperty("details", List.of(new Detail(id, message)));
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
