package dev.deletionpipeline.localstack.postgres;

import dev.deletionpipeline.localstack.testing.StopOnExit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own that starts {@link LocalPostgres} on a data directory and waits, as a test run or the local stack
 * does: for tests of what happens to that server when its JVM ends (SIGTERM, SIGKILL).
 */
public final class PostgresInAnotherJvm implements AutoCloseable {

    private static final String READY = "postgres-ready";

    private final Process jvm;
    private final long postmaster;

    private PostgresInAnotherJvm(Process jvm, long postmaster) {
        this.jvm = jvm;
        this.postmaster = postmaster;
    }

    /** @param stopOnExit whether the JVM registers the server with {@link StopOnExit} */
    public static PostgresInAnotherJvm start(Path data, boolean stopOnExit) throws IOException {
        Process jvm = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        PostgresInAnotherJvm.class.getName(),
                        data.toString(),
                        Boolean.toString(stopOnExit)))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        try {
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = output.readLine()) != null && !line.equals(READY)) {
                // its log, until the server is up
            }
            if (line == null) {
                throw new IllegalStateException("The JVM ended before PostgreSQL was up");
            }
            return new PostgresInAnotherJvm(
                    jvm, LocalPostgres.serverRunningIn(data).orElseThrow().pid());
        } catch (IOException | RuntimeException e) {
            jvm.destroyForcibly();
            throw e;
        }
    }

    /** For a test's clean-up: the server a test left running on {@code data} (as the next start would stop it). */
    public static void stopServerLeftRunningIn(Path data) {
        try {
            LocalPostgres.stopServerLeftRunningIn(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    public long postmaster() {
        return postmaster;
    }

    /** SIGTERM, as Ctrl-C or a stopping Maven would: shutdown hooks run. */
    public void terminate() throws InterruptedException {
        jvm.destroy();
        awaitEnd();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        jvm.destroyForcibly();
        awaitEnd();
    }

    private void awaitEnd() throws InterruptedException {
        if (!jvm.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The JVM did not end");
        }
    }

    @Override
    public void close() {
        jvm.destroyForcibly();
    }

    /** Starts PostgreSQL in {@code args[0]}, with a {@link StopOnExit} if {@code args[1]} is true, and waits. */
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
