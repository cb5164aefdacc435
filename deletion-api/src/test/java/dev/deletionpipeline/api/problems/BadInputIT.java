package dev.deletionpipeline.api.problems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.api.ApiClient;
import dev.deletionpipeline.api.ApiClient.Answer;
import dev.deletionpipeline.api.ApiTestSupport;
import dev.deletionpipeline.api.Fixtures;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Malformed, mistyped, unknown, oversize and hostile input: always a 4xx problem, never a 5xx, nothing changed. */
class BadInputIT extends ApiTestSupport {

    private static final String SQL = "x'; DROP TABLE blocks; --";

    @Test
    void malformedAndMistypedBodiesAreBadRequestsNamingTheField() {
        TestOwner owner = fixtures().owner();
        Map<String, Integer> before = counts();

        assertProblem(api().post("/v1/blocks", owner.token(), "{\"calendarId\": "), 400);
        assertProblem(api().post("/v1/blocks", owner.token(), "[1, 2]"), 400);
        assertProblem(api().post("/v1/blocks", owner.token(), ""), 400);
        assertField(api().post("/v1/blocks", owner.token(), "{}"), "calendarId");
        assertField(api().post("/v1/blocks", owner.token(), "{\"calendarId\":[\"a\"]}"), "calendarId");
        assertField(
                api().post("/v1/blocks", owner.token(), "{\"calendarId\":\"w\",\"startsAt\":\"yesterday\"}"),
                "startsAt");
        assertField(api().post("/v1/blocks", owner.token(), "{\"calendarId\":\"w\",\"kind\":\"HOLIDAY\"}"), "kind");
        assertField(
                api().post(
                                "/v1/blocks",
                                owner.token(),
                                "{\"calendarId\":\"w\",\"startsAt\":\"2026-01-02T00:00:00Z\",\"endsAt\":\"2026-01-01T00:00:00Z\"}"),
                "endsAt");
        assertField(api().post("/v1/deletions", owner.token(), "{\"ownerId\":42}"), "ownerId");
        assertField(api().post("/v1/deletions", owner.token(), "{}"), "calendarId");
        assertProblem(api().send("POST", "/v1/blocks", owner.token(), "text/plain", "calendarId=w"), 415);
        assertProblem(
                api().send("PUT", "/v1/blocks/" + UUID.randomUUID(), owner.token(), "application/json", "{}"), 405);

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void unknownAndMalformedIdsAreNotFoundOrBadRequests() {
        TestOwner owner = fixtures().owner();
        Map<String, Integer> before = counts();

        assertProblem(api().delete("/v1/blocks/" + UUID.randomUUID(), owner.token()), 404);
        assertProblem(api().post("/v1/blocks/" + UUID.randomUUID() + "/restore", owner.token()), 404);
        assertProblem(api().get("/v1/deletions/" + UUID.randomUUID(), owner.token()), 404);
        assertField(api().get("/v1/blocks/not-a-uuid", owner.token()), "id");
        assertField(api().delete("/v1/blocks/" + encode("1' OR '1'='1"), owner.token()), "id");
        assertField(api().get("/v1/deletions/12345", owner.token()), "deletionId");
        assertField(api().get("/v1/blocks?include=everything", owner.token()), "include");
        assertField(api().get("/v1/blocks?size=100000", owner.token()), "size");
        assertField(api().get("/v1/admin/blocks?ownerId=nope", Fixtures.adminToken()), "ownerId");
        assertField(
                api().post(
                                "/v1/blocks",
                                owner.token(),
                                "{\"calendarId\":\"w\",\"originalId\":\"" + UUID.randomUUID() + "\"}"),
                "originalId");

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void hostileStringsAreRefusedAtTheDoor() {
        TestOwner owner = fixtures().owner();
        Map<String, Integer> before = counts();
        List<String> hostileCalendars = List.of(SQL, "日本語カレンダー", "a".repeat(300), "<script>alert(1)</script>", "a b");

        for (String calendar : hostileCalendars) {
            assertField(api().post("/v1/blocks", owner.token(), body("calendarId", calendar)), "calendarId");
            assertField(api().post("/v1/deletions", owner.token(), body("calendarId", calendar)), "calendarId");
            assertField(api().get("/v1/blocks?calendarId=" + encode(calendar), owner.token()), "calendarId");
        }
        assertField(
                api().post("/v1/blocks", owner.token(), "{\"calendarId\":\"w\",\"title\":\"nul\\u0000byte\"}"),
                "title");
        assertField(
                api().post("/v1/blocks", owner.token(), "{\"calendarId\":\"w\",\"title\":\"" + "t".repeat(501) + "\"}"),
                "title");
        assertField(
                api().post(
                                "/v1/blocks",
                                owner.token(),
                                ApiClient.json(Map.of("calendarId", "w", "googleEventId", SQL))),
                "googleEventId");
        assertField(api().post("/v1/admin/owners", Fixtures.adminToken(), body("handle", SQL)), "handle");

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void oversizeBodiesAreRefusedWithContentTooLarge() {
        TestOwner owner = fixtures().owner();
        Map<String, Integer> before = counts();
        String huge = "{\"calendarId\":\"w\",\"title\":\"" + "x".repeat(70 * 1024) + "\"}";

        assertProblem(api().post("/v1/blocks", owner.token(), huge), 413);
        assertProblem(api().postChunked("/v1/blocks", owner.token(), huge), 413);

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void unicodeTitlesAreValidText() {
        TestOwner owner = fixtures().owner();

        Answer created =
                api().post("/v1/blocks", owner.token(), "{\"calendarId\":\"w\",\"title\":\"Zahnarzt 🦷 歯医者\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("title").asString()).isEqualTo("Zahnarzt 🦷 歯医者");
    }

    private Map<String, Integer> counts() {
        return Map.of(
                "blocks", fixtures().count("SELECT count(*) FROM blocks", Map.of()),
                "deletions", fixtures().count("SELECT count(*) FROM deletions", Map.of()),
                "outbox", fixtures().count("SELECT count(*) FROM outbox", Map.of()),
                "owners", fixtures().count("SELECT count(*) FROM owners", Map.of()),
                "live", fixtures().count("SELECT count(*) FROM blocks WHERE deletion_state IS NULL", Map.of()));
    }

    private static String body(String field, String value) {
        return ApiClient.json(Map.of(field, value));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.isProblem()).as(answer.contentType()).isTrue();
    }

    private static void assertField(Answer answer, String field) {
        assertProblem(answer, 400);
        assertThat(answer.json().get("errors").findValuesAsString("field"))
                .as(answer.raw().body())
                .contains(field);
    }
}
