package dev.deletionpipeline.security;

import dev.deletionpipeline.common.json.EventJson;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The {@code application/problem+json} body of a refusal written outside Spring MVC (RFC 9457 members). */
final class ProblemBodies {

    private ProblemBodies() {}

    static byte[] of(int status, String detail) {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail);
        return EventJson.mapper().writeValueAsBytes(problem);
    }
}
