package dev.deletionpipeline.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.localstack.postgres.LocalPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test JVM stopped midway (Ctrl-C on {@code ./mvnw verify}, a SIGTERM) leaves no PostgreSQL behind when its stack
 * was registered with {@link StopOnExit}; without it the server outlives the JVM. The JVM here is a child running
 * {@link PostgresHoldingJvm}, stopped with SIGTERM.
 */
class StopOnExitIT {

    @TempDir
    Path directory;

    @Test
    void aStoppedJvmStopsThePostgresItStarted() throws Exception {
        long postmaster = startAndTerminate(true);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(alive(postmaster))
                        .as("postmaster " + postmaster)
                        .isFalse());
    }

    @Test
    void withoutTheHookPostgresOutlivesTheJvmThatStartedIt() throws Exception {
        long postmaster = startAndTerminate(false);

        assertThat(alive(postmaster))
                .as("postmaster " + postmaster + " after its JVM ended")
                .isTrue();
    }

    /** Whatever a test left running: the server of a failed test, or the one the hookless JVM left behind. */
    @AfterEach
    void stopLeftoverPostgres() throws IOException {
        Optional<Long> postmaster = postmasterPid(directory.resolve("pg"));
        if (postmaster.isPresent() && alive(postmaster.get())) {
            ProcessHandle.of(postmaster.get()).ifPresent(ProcessHandle::destroy);
            await().atMost(Duration.ofSeconds(30)).until(() -> !alive(postmaster.get()));
        }
    }

    /** @return the pid of the postmaster the child JVM started, after that JVM ended on SIGTERM */
    private long startAndTerminate(boolean stopOnExit) throws Exception {
        Path data = directory.resolve("pg");
        Process jvm = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        PostgresHoldingJvm.class.getName(),
                        data.toString(),
                        Boolean.toString(stopOnExit)))
                .redirectErrorStream(true)
                .start();
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals(PostgresHoldingJvm.READY)) {
                // its log, until the server is up
            }
            assertThat(line).as("the child JVM started PostgreSQL").isEqualTo(PostgresHoldingJvm.READY);
            long postmaster = postmasterPid(data).orElseThrow();
            assertThat(alive(postmaster)).isTrue();

            jvm.destroy(); // SIGTERM
            assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
            return postmaster;
        } finally {
            jvm.destroyForcibly();
        }
    }

    private static Optional<Long> postmasterPid(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        return Files.exists(pidFile)
                ? Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()))
                : Optional.empty();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Starts PostgreSQL in {@code args[0]}, with a {@link StopOnExit} if {@code args[1]} is true, and waits. */
    static final class PostgresHoldingJvm {
        static final String READY = "postgres-ready";

        public static void main(String[] args) throws InterruptedException {
            LocalPostgres postgres = LocalPostgres.start(Path.of(args[0]), 0);
            if (Boolean.parseBoolean(args[1])) {
                StopOnExit.closing("held-postgres", postgres);
            }
            System.out.println(READY);
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
