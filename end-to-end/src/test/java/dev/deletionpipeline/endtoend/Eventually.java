package dev.deletionpipeline.endtoend;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.awaitility.core.ConditionFactory;

/**
 * The waits of the end-to-end suites: bounded, polled once a second, because each check reads several systems (the
 * database, the stand-in, the topics) and a scenario takes seconds, not milliseconds.
 */
final class Eventually {

    /**
     * Long enough for any one scenario on a loaded two-core machine, where a small deletion may queue behind the
     * 10,000 records of the bulk scenario at the relay and the reconciler for minutes; a pipeline stuck for good still
     * fails.
     */
    static final Duration SCENARIO = Duration.ofMinutes(5);

    private Eventually() {}

    static ConditionFactory within(Duration atMost) {
        return await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1));
    }

    static ConditionFactory eventually() {
        return within(SCENARIO);
    }
}
