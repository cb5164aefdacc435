package dev.deletionpipeline.localstack.calendar;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reading an {@link ApiRequest} from, and writing an {@link ApiResponse} to, the JDK's {@link HttpExchange}. */
final class HttpExchanges {

    private HttpExchanges() {}

    static ApiRequest read(HttpExchange exchange) throws IOException {
        Headers headers = exchange.getRequestHeaders();
        String override = headers.getFirst("X-HTTP-Method-Override");
        String method = override != null ? override : exchange.getRequestMethod();
        return new ApiRequest(
                method.toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getRawPath(),
                ApiRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
                headers.getFirst("Authorization"),
                headers.getFirst("Content-Type"),
                body(exchange, headers));
    }

    /** The Google client gzips request bodies unless told not to. */
    private static byte[] body(HttpExchange exchange, Headers headers) throws IOException {
        try (InputStream raw = exchange.getRequestBody()) {
            InputStream in =
                    "gzip".equalsIgnoreCase(headers.getFirst("Content-Encoding")) ? new GZIPInputStream(raw) : raw;
            return in.readAllBytes();
        }
    }

    static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        try (exchange) {
            Headers headers = exchange.getResponseHeaders();
            for (Map.Entry<String, String> header : response.headers().entrySet()) {
                headers.set(header.getKey(), header.getValue());
            }
            if (response.contentType() != null) {
                headers.set("Content-Type", response.contentType());
            }
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
