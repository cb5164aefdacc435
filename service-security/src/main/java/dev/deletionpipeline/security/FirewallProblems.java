package dev.deletionpipeline.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request that Spring Security's firewall rejects ({@code ..}, an encoded {@code /} or {@code %}, {@code ;}, control
 * characters) answers 400 {@code application/problem+json} like every other error, instead of the servlet container's
 * error page. The detail is fixed: the rejected path or header may carry anything and is never echoed.
 */
final class FirewallProblems implements RequestRejectedHandler {

    static final String DETAIL = "The request was rejected: its path or headers contain something this service never"
            + " accepts (such as '..', an encoded '/' or '%', ';', or a control character).";

    private static final Logger log = LoggerFactory.getLogger(FirewallProblems.class);

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.debug("Firewall rejected a request: {}", rejected.getMessage());
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(ProblemBodies.of(HttpStatus.BAD_REQUEST.value(), DETAIL));
    }
}
