package dev.deletionpipeline.endtoend;

import static dev.deletionpipeline.endtoend.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.topics.DeadLetterStatus;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;

/**
 * The ops dashboard as an operator uses it, in headless Chromium against the run's local stack: sign in with the
 * admin token, read the numbers (they must equal the reconciler's {@code /v1/summary}, deadlines included), redrive a
 * dead letter from the page and watch its deletion's timeline reach CONFIRMED with its receipt, count dead letters of
 * one reason with a dry run and redrive exactly those, place a legal hold that holds a deleted block and release it.
 * Screenshots go to {@code target/ops-dashboard/}. Skipped with a message where Chromium or chromedriver is not
 * installed.
 */
@ExtendWith(EndToEndStack.Resolver.class)
@Execution(ExecutionMode.SAME_THREAD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsDashboardIT {

    private static final Path SCREENSHOTS = Path.of("target", "ops-dashboard");

    /** Tiles that show one number of the summary as it is: tile → the summary's field. */
    private static final Map<String, String> COUNT_TILES = Map.of(
            "already-gone", "alreadyGoneInWindow",
            "deadlines-at-risk", "deadlinesAtRisk",
            "deadlines-missed", "deadlinesMissed");

    private static Chromium chromium;

    private final Clients clients;
    private final Outcomes outcomes;
    private final StackEndpoints endpoints;

    OpsDashboardIT(EndToEndStack stack) {
        this.clients = stack.clients();
        this.outcomes = stack.outcomes();
        this.endpoints = stack.endpoints();
    }

    /** Before the stack is asked for: a run without Chromium does not start one for nothing. */
    @BeforeAll
    static void startBrowser() throws Exception {
        Chromium.assumeInstalled();
        chromium = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @Order(1)
    void afterSigningInTheNumbersShownAreTheReconcilersSummary() {
        signIn();

        eventually().untilAsserted(() -> {
            JsonNode summary = clients.reconciler().get("/v1/summary", admin()).expect(200);
            Map<String, String> shown = tiles();
            Map<String, String> expected = new HashMap<>();
            summary.get("countsByState")
                    .properties()
                    .forEach(state -> expected.put(
                            "state-" + state.getKey(),
                            Long.toString(state.getValue().asLong())));
            long deadLetters = summary.get("deadLettersByReason")
                    .valueStream()
                    .mapToLong(JsonNode::asLong)
                    .sum();
            expected.put("dead-letters", Long.toString(deadLetters));
            COUNT_TILES.forEach((tile, field) ->
                    expected.put(tile, Long.toString(summary.get(field).asLong())));
            assertThat(shown).containsAllEntriesOf(expected);
            // a state the summary leaves out has none; a tile kept from earlier must say so
            shown.entrySet().stream()
                    .filter(tile -> tile.getKey().startsWith("state-") && !expected.containsKey(tile.getKey()))
                    .forEach(tile ->
                            assertThat(tile.getValue()).as(tile.getKey()).isEqualTo("0"));
        });
        eventually()
                .until(() -> !driver().findElements(By.cssSelector("#throughput-chart rect"))
                        .isEmpty());
        assertThat(text("#live")).isEqualTo("live");
        chromium.screenshot(SCREENSHOTS.resolve("1-overview.png"));
    }

    @Test
    @Order(2)
    void aDeadLetterRedrivenFromThePageEndsConfirmedInItsTimeline() {
        String owner = endpoints.demoOwnerToken();
        String calendar = "e2e-ops-dashboard";
        String event = StandIn.newEventId();
        UUID block = clients.createSyncedBlock(owner, calendar, event, null);
        JsonNode deadLetter = whileGoogleRefuses(clients, () -> {
            clients.deleteBlock(owner, block);
            return eventually().until(() -> deadLetterOf(block), found -> found != null);
        });
        UUID deletion = UUID.fromString(deadLetter.get("deletionId").asString());
        String id = deadLetter.get("id").asString();
        signIn();

        // the page lists it (the FAILED status on the stream reloads the list)
        eventually()
                .until(() -> !driver().findElements(By.cssSelector("[data-redrive='" + id + "']"))
                        .isEmpty());
        assertThat(text("[data-dead-letter-status='" + id + "']")).isEqualTo("OPEN");
        click("[data-redrive='" + id + "']");
        type("[data-redrive-reason='" + id + "']", "e2e: Google accepts the call again");
        click("[data-redrive-confirm='" + id + "']");
        eventually().until(() -> text("#dead-letters-message").startsWith("Redriven"));

        showTimeline(deletion);
        eventually().untilAsserted(() -> {
            showTimeline(deletion);
            assertThat(text("[data-block-state='" + block + "']")).startsWith("CONFIRMED");
            assertThat(text("[data-receipt='digest']"))
                    .isEqualTo(clients.api()
                            .get("/v1/deletions/" + deletion + "/receipt", admin())
                            .expect(200)
                            .get("digest")
                            .asString());
        });
        outcomes.assertHardDeletedAndConfirmed(calendar, Map.of(block, event));
        assertThat(text("#timeline"))
                .contains("Dead letter for block …" + block.toString().substring(28))
                .contains("Redriven by")
                .contains("Google answered 204");
        chromium.screenshot(SCREENSHOTS.resolve("2-redrive-and-timeline.png"));
    }

    @Test
    @Order(3)
    void deadLettersOfOneReasonAreCountedThenRedrivenByFilterFromThePage() {
        UUID owner = clients.createOwner("e2e-ops-redrive");
        String ownerToken = clients.database().signIn(owner);
        String calendar = "e2e-ops-redrive-" + UUID.randomUUID().toString().substring(0, 8);
        Map<UUID, String> blocks = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            String event = StandIn.newEventId();
            blocks.put(clients.createSyncedBlock(ownerToken, calendar, event, null), event);
        }
        List<JsonNode> letters = whileGoogleRefuses(clients, () -> {
            clients.api()
                    .post("/v1/deletions", ownerToken, Map.of("calendarId", calendar))
                    .expect(202);
            return eventually().until(() -> deadLettersOf(owner), found -> found.size() == blocks.size());
        });
        String reason = letters.get(0).get("reason").asString();
        assertThat(letters)
                .allMatch(letter -> reason.equals(letter.get("reason").asString()));
        signIn();
        eventually().untilAsserted(() -> assertThat(deadLetterGroups()).isEqualTo(workerDeadLetterGroups()));

        driver().findElement(By.cssSelector("#filtered-redrive summary")).click();
        WebElement form = driver().findElement(By.id("redrive-filter"));
        form.findElement(By.name("reason")).sendKeys(reason);
        form.findElement(By.name("ownerId")).sendKeys(owner.toString());
        form.findElement(By.name("why")).sendKeys("e2e: Google accepts the calls again");
        driver().findElement(By.id("redrive-dry-run")).click();
        eventually().until(() -> text("#redrive-filter-message").startsWith("Dry run"));
        JsonNode dryRun = clients.worker()
                .post(
                        "/v1/admin/dead-letters/redrive",
                        admin(),
                        Map.of("filter", Map.of("reason", reason, "ownerId", owner), "dryRun", true))
                .expect(200);
        int redrivable = dryRun.get("redrivable").asInt();
        assertThat(redrivable).isEqualTo(blocks.size());
        assertThat(text("#redrive-filter-message"))
                .isEqualTo("Dry run: " + dryRun.get("matched").asInt() + " match, " + redrivable
                        + " can be redriven. Nothing has changed yet.");
        assertThat(text("#redrive-confirm")).isEqualTo("Redrive " + redrivable);
        chromium.screenshot(SCREENSHOTS.resolve("3-filtered-redrive-dry-run.png"));

        driver().findElement(By.id("redrive-confirm")).click();
        eventually().until(() -> text("#redrive-filter-message").startsWith("Redriven"));
        assertThat(text("#redrive-filter-message"))
                .startsWith("Redriven " + redrivable + " of " + redrivable + " matching");
        eventually().untilAsserted(() -> outcomes.assertHardDeletedAndConfirmed(calendar, blocks));
        assertThat(deadLettersOf(owner))
                .allMatch(letter -> DeadLetterStatus.REDRIVEN
                        .name()
                        .equals(letter.get("status").asString()));
        eventually().untilAsserted(() -> assertThat(deadLetterGroups()).isEqualTo(workerDeadLetterGroups()));
    }

    @Test
    @Order(4)
    void aHoldPlacedFromThePageHoldsADeletedBlockUntilItIsReleasedFromThePage() {
        UUID owner = clients.createOwner("e2e-ops-hold");
        String ownerToken = clients.database().signIn(owner);
        String calendar = "e2e-ops-hold-" + UUID.randomUUID().toString().substring(0, 8);
        String event = StandIn.newEventId();
        UUID block = clients.createSyncedBlock(ownerToken, calendar, event, null);
        String reason = "e2e case " + UUID.randomUUID().toString().substring(0, 8);
        signIn();

        WebElement form = driver().findElement(By.id("hold-form"));
        form.findElement(By.name("ownerId")).sendKeys(owner.toString());
        form.findElement(By.name("calendarId")).sendKeys(calendar);
        form.findElement(By.name("reason")).sendKeys(reason);
        driver().findElement(By.id("hold-place")).click();
        eventually().until(() -> text("#holds-message").startsWith("Hold placed"));
        String holdId = eventually().until(() -> holdIdWithReason(reason), found -> found != null);

        // deleted under the hold: soft-deleted, then held; the page's count follows the stream
        UUID deletion = UUID.fromString(
                clients.deleteBlock(ownerToken, block).get("deletionId").asString());
        eventually().untilAsserted(() -> {
            assertThat(hold(holdId).get("heldBlocks").asLong()).isEqualTo(1);
            assertThat(text("[data-held-blocks='" + holdId + "']")).isEqualTo("1");
        });
        assertThat(text("#holds")).contains(reason);
        eventually().untilAsserted(() -> {
            showTimeline(deletion);
            assertThat(text("[data-block-state='" + block + "']")).startsWith(DeletionState.HELD.name());
            assertThat(text("#timeline")).contains("held by a legal hold");
        });
        chromium.screenshot(SCREENSHOTS.resolve("4-hold-placed.png"));

        click("[data-release='" + holdId + "']");
        type("[data-release-reason='" + holdId + "']", "e2e: case closed");
        click("[data-release-confirm='" + holdId + "']");
        eventually().until(() -> text("#holds-message").startsWith("Hold released"));
        eventually().until(() -> !text("#holds").contains(reason));
        JsonNode released = hold(holdId);
        assertThat(released.get("active").asBoolean()).as("active").isFalse();
        assertThat(released.get("releaseReason").asString()).isEqualTo("e2e: case closed");
        assertThat(holdIdWithReason(reason)).as("among the active holds").isNull();
        eventually().untilAsserted(() -> outcomes.assertHardDeletedAndConfirmed(calendar, Map.of(block, event)));
    }

    private void signIn() {
        driver().get(endpoints.reconcilerUrl() + "/ops/");
        // the page keeps the token for the browser tab's session: a reload signs in again by itself
        if (driver().executeScript("return sessionStorage.getItem('deletion-ops-token')") == null) {
            driver().findElement(By.id("token")).sendKeys(admin());
            driver().findElement(By.id("sign-in")).click();
        }
        eventually()
                .until(() -> driver().findElement(By.id("dashboard")).isDisplayed()
                        && !driver().findElements(By.cssSelector("[data-tile]")).isEmpty());
    }

    private void showTimeline(UUID deletion) {
        WebElement input = driver().findElement(By.id("timeline-id"));
        input.clear();
        input.sendKeys(deletion.toString());
        driver().findElement(By.id("timeline-show")).click();
    }

    /** Every tile's number, read in one go: each summary event redraws them. */
    @SuppressWarnings("unchecked")
    private Map<String, String> tiles() {
        return new HashMap<>((Map<String, String>) driver().executeScript("""
                const shown = {};
                for (const tile of document.querySelectorAll('[data-tile]')) {
                  shown[tile.dataset.tile] = tile.querySelector('.value').textContent;
                }
                return shown;
                """));
    }

    private JsonNode deadLetterOf(UUID block) {
        return clients.worker()
                .get("/v1/admin/dead-letters", admin())
                .expect(200)
                .valueStream()
                .filter(letter -> letter.get("blockId").asString().equals(block.toString()))
                .findFirst()
                .orElse(null);
    }

    private List<JsonNode> deadLettersOf(UUID owner) {
        return clients.worker()
                .get("/v1/admin/dead-letters?ownerId=" + owner, admin())
                .expect(200)
                .valueStream()
                .toList();
    }

    /** The "Dead letters by reason" table: "reason STATUS" → the count shown. */
    @SuppressWarnings("unchecked")
    private Map<String, Long> deadLetterGroups() {
        Map<String, Object> shown = (Map<String, Object>) driver().executeScript("""
                const shown = {};
                for (const cell of document.querySelectorAll('[data-dead-letters]')) {
                  shown[cell.dataset.deadLetters] = Number(cell.textContent);
                }
                return shown;
                """);
        Map<String, Long> counts = new HashMap<>();
        shown.forEach((group, count) -> counts.put(group, ((Number) count).longValue()));
        return counts;
    }

    /** The worker's summary as that table shows it: every reason it lists, with a count for each status. */
    private Map<String, Long> workerDeadLetterGroups() {
        Map<String, Long> counts = new HashMap<>();
        JsonNode summary =
                clients.worker().get("/v1/admin/dead-letters/summary", admin()).expect(200);
        summary.get("byReason").valueStream().forEach(row -> {
            String reason = row.get("reason").asString();
            for (DeadLetterStatus status : DeadLetterStatus.values()) {
                counts.putIfAbsent(reason + " " + status, 0L);
            }
            counts.merge(
                    reason + " " + row.get("status").asString(),
                    row.get("count").asLong(),
                    Long::sum);
        });
        return counts;
    }

    /** What the action makes while the stand-in answers every Google call with 400; it answers normally after. */
    private static <T> T whileGoogleRefuses(Clients clients, Supplier<T> action) {
        clients.standIn().failCalls(Map.of(400, 1.0));
        try {
            return action.get();
        } finally {
            clients.standIn().failCalls(Map.of());
        }
    }

    private JsonNode hold(String id) {
        return clients.api().get("/v1/admin/holds/" + id, admin()).expect(200);
    }

    private String holdIdWithReason(String reason) {
        return clients.api()
                .get("/v1/admin/holds?active=true", admin())
                .expect(200)
                .valueStream()
                .filter(hold -> reason.equals(hold.get("reason").asString()))
                .map(hold -> hold.get("id").asString())
                .findFirst()
                .orElse(null);
    }

    /** Clicks it once it is there; a panel redrawn in between is found again. */
    private void click(String selector) {
        eventually()
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> {
                    driver().findElement(By.cssSelector(selector)).click();
                    return true;
                });
    }

    private void type(String selector, String text) {
        eventually()
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> {
                    driver().findElement(By.cssSelector(selector)).sendKeys(text);
                    return true;
                });
    }

    /** The element's text as shown, read in one go (the page redraws its panels on every event); "" when absent. */
    private String text(String selector) {
        Object shown = driver().executeScript(
                        "const element = document.querySelector(arguments[0]); return element ? element.innerText : ''",
                        selector);
        return String.valueOf(shown);
    }

    private String admin() {
        return clients.adminToken();
    }

    private static ChromeDriver driver() {
        return chromium.driver();
    }
}
