package dev.deletionpipeline.localstack.calendar;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One call to the Google API as the stand-in sees it, whether it came as its own HTTP request or as a part of a batch.
 *
 * @param method HTTP method (after {@code X-HTTP-Method-Override})
 * @param rawPath the path as sent, still percent-encoded
 * @param query decoded query parameters (the first value of each)
 * @param authorization the {@code Authorization} header, or null
 * @param contentType the {@code Content-Type} header, or null
 * @param body the request body, already un-gzipped
 */
record ApiRequest(
        String method,
        String rawPath,
        Map<String, String> query,
        String authorization,
        String contentType,
        byte[] body) {

    String queryParameter(String name) {
        return query.get(name);
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    /** Form and query decoding: {@code +} is a space. */
    static String decode(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    /** Path segment decoding: {@code +} stays a plus, as in Google's URLs. */
    static String decodePathSegment(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
