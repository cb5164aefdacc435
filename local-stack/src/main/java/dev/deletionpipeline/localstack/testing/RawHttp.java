package dev.deletionpipeline.localstack.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 request written byte for byte to a socket, for what {@code java.net.http} refuses to send or would
 * normalise: {@code ..}, {@code %00}, characters Tomcat rejects in the request target. The answer is read to the end
 * (the request asks the server to close the connection).
 */
public final class RawHttp {

    /**
     * Request targets that the servlet container or Spring Security's firewall refuse before any controller runs, each
     * with what refuses it; every service must answer them with a 400 {@code application/problem+json}.
     */
    public static final List<String> REFUSED_BEFORE_THE_APPLICATION = List.of(
            "/v1/a/../b", // not normalised: the firewall
            "/v1/a%2F..%2Fb", // an encoded slash: Tomcat (or the firewall)
            "/v1/a;jsessionid=x", // a semicolon: the firewall
            "/v1/a%00b", // an encoded NUL: Tomcat
            "/v1/{a}"); // a character Tomcat never accepts in the request target

    /** What the server answered: status, Content-Type (lower case, empty when absent) and body. */
    public record Answer(int status, String contentType, String body) {}

    private RawHttp() {}

    /** GET {@code target} (sent exactly as given) from localhost:{@code port}. */
    public static Answer get(int port, String target) {
        return send(port, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    /** Sends {@code request} as it is and reads the whole answer. */
    public static Answer send(int port, String request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("Request to port " + port + " failed", e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Answer parse(String response) {
        int headersEnd = response.indexOf("\r\n\r\n");
        String head = headersEnd < 0 ? response : response.substring(0, headersEnd);
        String body = headersEnd < 0 ? "" : response.substring(headersEnd + 4);
        String[] lines = head.split("\r\n");
        int status = lines[0].isEmpty() ? -1 : Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = lower.substring("content-type:".length()).strip();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        return new Answer(status, contentType, chunked ? unchunk(body) : body);
    }

    private static String unchunk(String body) {
        StringBuilder text = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size =
                    Integer.parseInt(body.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            text.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return text.toString();
    }
}
