package dev.deletionpipeline.localstack.calendar;

import dev.deletionpipeline.localstack.calendar.MultipartBatch.MalformedBatchException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP messages written inside batch parts ({@code Content-Type: application/http}): the request line, headers and
 * body the Google client writes, and the status line, headers and body the client's batch parser reads back.
 */
final class EmbeddedHttp {

    private static final Map<Integer, String> REASON_PHRASES = Map.ofEntries(
            Map.entry(200, "OK"),
            Map.entry(204, "No Content"),
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(409, "Conflict"),
            Map.entry(410, "Gone"),
            Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private EmbeddedHttp() {}

    /** A part's embedded request; it inherits the outer request's Authorization unless it has its own, as Google's do. */
    static ApiRequest request(MultipartBatch.Part part, String outerAuthorization) throws MalformedBatchException {
        String[] headAndBody = splitHead(part.content());
        String[] lines = lines(headAndBody[0]);
        String[] requestLine = lines[0].trim().split(" ");
        if (requestLine.length < 2 || requestLine.length > 3 || !requestLine[0].matches("[A-Z]+")) {
            throw new MalformedBatchException("a part does not start with an HTTP request line");
        }
        URI target;
        try {
            target = URI.create(requestLine[1]);
        } catch (IllegalArgumentException badUri) {
            throw new MalformedBatchException("a part's request URI is malformed");
        }
        String authorization = outerAuthorization;
        String contentType = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new MalformedBatchException("a part has a malformed HTTP header");
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            authorization = name.equals("authorization") ? value : authorization;
            contentType = name.equals("content-type") ? value : contentType;
        }
        return new ApiRequest(
                requestLine[0],
                target.getRawPath() == null ? "" : target.getRawPath(),
                ApiRequest.parseQuery(target.getRawQuery()),
                authorization,
                contentType,
                headAndBody[1].getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] response(ApiResponse response) {
        StringBuilder head = new StringBuilder();
        head.append("HTTP/1.1 ")
                .append(response.status())
                .append(' ')
                .append(REASON_PHRASES.getOrDefault(response.status(), "Error"))
                .append("\r\n");
        if (response.contentType() != null) {
            head.append("Content-Type: ").append(response.contentType()).append("\r\n");
        }
        response.headers()
                .forEach((name, value) ->
                        head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(response.body().length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + response.body().length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(response.body(), 0, all, headBytes.length, response.body().length);
        return all;
    }

    /** Splits at the first empty line: [head, rest]; rest is empty when there is no empty line. */
    static String[] splitHead(String message) {
        int crlf = message.indexOf("\r\n\r\n");
        int lf = message.indexOf("\n\n");
        if (crlf >= 0 && (lf < 0 || crlf < lf)) {
            return new String[] {message.substring(0, crlf), message.substring(crlf + 4)};
        }
        if (lf >= 0) {
            return new String[] {message.substring(0, lf), message.substring(lf + 2)};
        }
        return new String[] {message, ""};
    }

    static String[] lines(String head) {
        return head.isEmpty() ? new String[] {""} : head.split("\r?\n");
    }

    static String stripTrailingLineBreak(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
