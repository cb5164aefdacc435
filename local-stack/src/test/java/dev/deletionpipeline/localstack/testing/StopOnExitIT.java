package dev.deletionpipeline.localstack.testing;

import static dev.deletionpipeline.localstack.postgres.PostgresInAnotherJvm.alive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.localstack.postgres.PostgresInAnotherJvm;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test JVM stopped midway (Ctrl-C on {@code ./mvnw verify}, a SIGTERM) leaves no PostgreSQL behind when its stack
 * was registered with {@link StopOnExit}; without it the server outlives the JVM.
 */
class StopOnExitIT {

    @TempDir
    Path directory;

    @Test
    void aStoppedJvmStopsThePostgresItStarted() throws Exception {
        long postmaster;
        try (PostgresInAnotherJvm jvm = PostgresInAnotherJvm.start(directory.resolve("pg"), true)) {
            postmaster = jvm.postmaster();
            assertThat(alive(postmaster)).isTrue();
            jvm.terminate();
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(alive(postmaster))
                        .as("postmaster " + postmaster)
                        .isFalse());
    }

    @Test
    void withoutTheHookPostgresOutlivesTheJvmThatStartedIt() throws Exception {
        long postmaster;
        try (PostgresInAnotherJvm jvm = PostgresInAnotherJvm.start(directory.resolve("pg"), false)) {
            postmaster = jvm.postmaster();
            jvm.terminate();
        }

        assertThat(alive(postmaster))
                .as("postmaster " + postmaster + " after its JVM ended")
                .isTrue();
    }

    /** Whatever a test left running: the server of a failed test, or the one the hookless JVM left behind. */
    @AfterEach
    void stopLeftoverPostgres() {
        PostgresInAnotherJvm.stopServerLeftRunningIn(directory.resolve("pg"));
    }
}
