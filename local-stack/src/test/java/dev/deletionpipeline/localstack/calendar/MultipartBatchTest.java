package dev.deletionpipeline.localstack.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deletionpipeline.localstack.calendar.MultipartBatch.MalformedBatchException;
import dev.deletionpipeline.localstack.calendar.MultipartBatch.Part;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartBatchTest {

    @Test
    void readsPartsAndTheirEmbeddedRequestsAsTheGoogleClientWritesThem() throws MalformedBatchException {
        String body = "--b1\r\nContent-Length: 120\r\nContent-Type: application/http\r\ncontent-id: 1\r\n"
                + "content-transfer-encoding: binary\r\n\r\n"
                + "DELETE http://127.0.0.1:1/calendar/v3/calendars/a%40b.com/events/e1?sendUpdates=all HTTP/1.1\r\n\r\n"
                + "\r\n--b1\r\nContent-Type: application/http\r\ncontent-id: 2\r\n\r\n"
                + "POST /calendar/v3/calendars/a%40b.com/events HTTP/1.1\r\nAuthorization: Bearer inner\r\n"
                + "Content-Type: application/json; charset=UTF-8\r\n\r\n{\"summary\":\"x\"}\r\n--b1--\r\n";

        List<Part> parts = MultipartBatch.parse(body.getBytes(StandardCharsets.ISO_8859_1), "b1");
        ApiRequest delete = EmbeddedHttp.request(parts.get(0), "Bearer outer");
        ApiRequest insert = EmbeddedHttp.request(parts.get(1), "Bearer outer");

        assertThat(parts).extracting(part -> part.headers().get("content-id")).containsExactly("1", "2");
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.rawPath()).isEqualTo("/calendar/v3/calendars/a%40b.com/events/e1");
        assertThat(delete.queryParameter("sendUpdates")).isEqualTo("all");
        assertThat(delete.authorization()).isEqualTo("Bearer outer");
        assertThat(delete.body()).isEmpty();
        assertThat(insert.authorization()).isEqualTo("Bearer inner");
        assertThat(new String(insert.body(), StandardCharsets.UTF_8)).isEqualTo("{\"summary\":\"x\"}");
    }

    @Test
    void theBoundaryComesFromTheContentType() throws MalformedBatchException {
        assertThat(MultipartBatch.boundaryOf("multipart/mixed; boundary=\"__END_OF_PART__x\""))
                .isEqualTo("__END_OF_PART__x");
        assertThatThrownBy(() -> MultipartBatch.boundaryOf("application/json"))
                .isInstanceOf(MalformedBatchException.class);
    }

    @Test
    void aBatchWithoutItsClosingBoundaryIsMalformed() {
        byte[] body =
                "--b1\r\nContent-Type: application/http\r\n\r\nGET /x HTTP/1.1\r\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MultipartBatch.parse(body, "b1")).isInstanceOf(MalformedBatchException.class);
    }

    @Test
    void answersCarryTheirOwnStatusLineUnderResponseContentIds() {
        byte[] written = MultipartBatch.write(
                "batch_1",
                List.of(
                        new MultipartBatch.Answer("1", ApiResponse.noContent()),
                        new MultipartBatch.Answer("2", GoogleErrors.deleted())));

        assertThat(new String(written, StandardCharsets.UTF_8))
                .startsWith("--batch_1\r\nContent-Type: application/http\r\nContent-ID: response-1\r\n\r\n"
                        + "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n\r\n--batch_1\r\n")
                .contains("Content-ID: response-2\r\n\r\nHTTP/1.1 410 Gone\r\n"
                        + "Content-Type: application/json; charset=UTF-8\r\n")
                .contains("\"reason\":\"deleted\"")
                .endsWith("\r\n--batch_1--\r\n");
    }
}
