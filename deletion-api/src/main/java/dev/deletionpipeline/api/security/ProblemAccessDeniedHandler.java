package dev.deletionpipeline.api.security;

import dev.deletionpipeline.api.problems.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** 403 as a problem: the token is valid but its roles do not allow the call (e.g. an owner on /v1/admin). */
@Component
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final ProblemResponses problems;

    ProblemAccessDeniedHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        problems.write(request, response, HttpStatus.FORBIDDEN, detail());
    }

    private static String detail() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean withdrawn = caller != null
                && caller.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.WITHDRAWN_OWNER));
        return withdrawn
                ? "This account is withdrawn; POST /v1/owners/me/restore undoes the withdrawal within its window."
                : "The token's roles do not allow this call.";
    }
}
