package dev.deletionpipeline.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A service process of the stack that a test stopped, with everything it takes to start it again exactly as the
 * launcher started it: the same command line and the same environment (read from {@code /proc/<pid>} before the stop,
 * so Linux only), its output appended to the same log file.
 */
record StoppedService(String name, List<String> command, Map<String, String> environment, Path log) {

    /** The same service started with some settings changed (environment form, e.g. a lower rate limit). */
    StoppedService withSettings(Map<String, String> overrides) {
        Map<String, String> changed = new java.util.HashMap<>(environment);
        changed.putAll(overrides);
        return new StoppedService(name, command, Map.copyOf(changed), log);
    }

    /** The same service started with this whole environment, e.g. the one it had before {@link #withSettings}. */
    StoppedService withEnvironment(Map<String, String> startedWith) {
        return new StoppedService(name, command, Map.copyOf(startedWith), log);
    }

    /** Reads how the process was started, then stops it with SIGTERM (Spring's graceful shutdown) and waits. */
    static StoppedService stop(String name, ProcessHandle process, Path log, Duration timeout) {
        long pid = process.pid();
        StoppedService stopped = new StoppedService(
                name,
                List.copyOf(nulSeparated(Path.of("/proc", Long.toString(pid), "cmdline"))),
                environmentOf(pid),
                log);
        process.destroy();
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " (pid " + pid + ") did not stop within " + timeout, e);
        }
        return stopped;
    }

    /** Starts the service again; the caller owns the process (it is not the launcher's child). */
    Process start() {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + " again", e);
        }
    }

    private static Map<String, String> environmentOf(long pid) {
        Map<String, String> environment = new HashMap<>();
        for (String entry : nulSeparated(Path.of("/proc", Long.toString(pid), "environ"))) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                environment.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return environment;
    }

    private static List<String> nulSeparated(Path file) {
        try {
            String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return Arrays.stream(content.split("\0")).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " (restarting a service needs Linux /proc)", e);
        }
    }
}
