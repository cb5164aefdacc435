package dev.deletionpipeline.endtoend;

import static dev.deletionpipeline.endtoend.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
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
 * admin token, read the numbers (they must equal the reconciler's {@code /v1/summary}), redrive a dead letter from the
 * page and watch its deletion's timeline reach CONFIRMED with its receipt, place and release a legal hold. Screenshots
 * go to {@code target/ops-dashboard/}. Skipped with a message where Chromium or chromedriver is not installed.
 */
@ExtendWith(EndToEndStack.Resolver.class)
@Execution(ExecutionMode.SAME_THREAD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsDashboardIT {

    private static final Path SCREENSHOTS = Path.of("target", "ops-dashboard");

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
            expected.put(
                    "already-gone",
                    Long.toString(summary.get("alreadyGoneInWindow").asLong()));
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
        clients.standIn().failCalls(Map.of(400, 1.0));
        UUID deletion;
        JsonNode deadLetter;
        try {
            deletion = UUID.fromString(
                    clients.deleteBlock(owner, block).get("deletionId").asString());
            deadLetter = eventually().until(() -> deadLetterOf(block), found -> found != null);
        } finally {
            clients.standIn().failCalls(Map.of());
        }
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

    /**
     * Needs deletion-api's holds ({@code /v1/admin/holds}); where that service does not offer them, the page must say
     * so plainly, and the rest is skipped.
     */
    @Test
    @Order(3)
    void aHoldIsPlacedAndReleasedFromThePage() {
        signIn();
        boolean holdsOffered =
                clients.api().get("/v1/admin/holds?active=true", admin()).status() != 404;
        if (!holdsOffered) {
            eventually().until(() -> text("#holds-message").contains("not available"));
            chromium.screenshot(SCREENSHOTS.resolve("3-holds-not-offered.png"));
        }
        assumeTrue(holdsOffered, "Skipped: this deletion-api offers no legal holds (GET /v1/admin/holds is 404)");
        String reason = "e2e case " + UUID.randomUUID().toString().substring(0, 8);

        WebElement form = driver().findElement(By.id("hold-form"));
        form.findElement(By.name("ownerId")).sendKeys(endpoints.demoOwnerId().toString());
        form.findElement(By.name("calendarId")).sendKeys("e2e-ops-hold");
        form.findElement(By.name("reason")).sendKeys(reason);
        driver().findElement(By.id("hold-place")).click();

        eventually().until(() -> text("#holds-message").startsWith("Hold placed"));
        String holdId = eventually().until(() -> holdIdWithReason(reason), found -> found != null);
        eventually().until(() -> text("#holds").contains(reason));
        chromium.screenshot(SCREENSHOTS.resolve("3-hold-placed.png"));

        click("[data-release='" + holdId + "']");
        type("[data-release-reason='" + holdId + "']", "e2e: case closed");
        click("[data-release-confirm='" + holdId + "']");

        eventually().until(() -> text("#holds-message").startsWith("Hold released"));
        eventually().until(() -> !text("#holds").contains(reason));
        assertThat(holdIdWithReason(reason)).as("the hold is no longer active").isNull();
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
