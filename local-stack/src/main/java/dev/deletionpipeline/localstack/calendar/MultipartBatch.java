package dev.deletionpipeline.localstack.calendar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code multipart/mixed} framing of Google's batch protocol: splitting a request into its parts and joining
 * answers into one response. Bytes are handled as ISO-8859-1 text, which maps each byte to one char and back, so
 * bodies survive untouched.
 */
final class MultipartBatch {

    /** A part of a batch request: its MIME headers (lower-cased names) and its content, an embedded HTTP request. */
    record Part(Map<String, String> headers, String content) {}

    /** One answer to put into the batch response. */
    record Answer(String contentId, ApiResponse response) {}

    static final class MalformedBatchException extends Exception {
        MalformedBatchException(String message) {
            super(message);
        }
    }

    private MultipartBatch() {}

    static String boundaryOf(String contentType) throws MalformedBatchException {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
            throw new MalformedBatchException("Content-Type must be multipart/mixed");
        }
        for (String parameter : contentType.split(";")) {
            String trimmed = parameter.trim();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String boundary = trimmed.substring("boundary=".length()).replace("\"", "");
                if (!boundary.isEmpty()) {
                    return boundary;
                }
            }
        }
        throw new MalformedBatchException("multipart/mixed without a boundary");
    }

    static List<Part> parse(byte[] body, String boundary) throws MalformedBatchException {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int position = text.indexOf(delimiter);
        if (position < 0) {
            throw new MalformedBatchException("no part delimited by the boundary");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            position += delimiter.length();
            if (text.startsWith("--", position)) {
                return parts;
            }
            int next = text.indexOf(delimiter, position);
            if (next < 0) {
                throw new MalformedBatchException("the closing boundary is missing");
            }
            parts.add(part(stripLeadingLineBreak(text.substring(position, next))));
            position = next;
        }
    }

    private static Part part(String raw) throws MalformedBatchException {
        if (raw.startsWith("\r\n") || raw.startsWith("\n")) {
            return new Part(Map.of(), EmbeddedHttp.stripTrailingLineBreak(stripLeadingLineBreak(raw)));
        }
        String[] headAndContent = EmbeddedHttp.splitHead(raw);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : EmbeddedHttp.lines(headAndContent[0])) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedBatchException("malformed part header");
            }
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        return new Part(headers, EmbeddedHttp.stripTrailingLineBreak(headAndContent[1]));
    }

    static byte[] write(String boundary, List<Answer> answers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Answer answer : answers) {
            StringBuilder head = new StringBuilder();
            head.append("--").append(boundary).append("\r\n");
            head.append("Content-Type: application/http\r\n");
            head.append("Content-ID: response-").append(answer.contentId()).append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(EmbeddedHttp.response(answer.response()));
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static String stripLeadingLineBreak(String text) {
        if (text.startsWith("\r\n")) {
            return text.substring(2);
        }
        return text.startsWith("\n") ? text.substring(1) : text;
    }
}
