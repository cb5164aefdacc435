package dev.deletionpipeline.security;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report for what it refuses before the application sees the request (a {@code %00} or a malformed
 * URL, request line or header): {@code application/problem+json} instead of an HTML page. Replaces the host's
 * {@link ErrorReportValve}; what reaches the application keeps Spring's own error handling.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    static final String DETAIL = "The server could not accept this request before it reached the application"
            + " (malformed or disallowed URL, request line or header).";
    static final String SERVER_DETAIL = "The server could not answer this request.";

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(
                        ProblemBodies.of(status, status < 500 ? DETAIL : SERVER_DETAIL), StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response was committed meanwhile: nothing more to tell the client
        }
    }
}
