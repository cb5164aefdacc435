package dev.deletionpipeline.endtoend;

import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.localstack.testing.StopOnExit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local stack as a user runs it: {@code java -jar local-stack-*-exec.jar}, a separate process with the services as
 * its children, on free ports and its own data directory.
 */
public final class LocalStackProcess implements AutoCloseable {

    /** As {@code local-stack.sh} starts it (which also sets {@code MALLOC_ARENA_MAX=2}). */
    private static final List<String> LAUNCHER_JVM_OPTIONS =
            List.of("-Xms64m", "-Xmx384m", "-XX:MaxNewSize=48m", "-XX:+UseSerialGC");

    static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    private final Process process;
    private final Path dataDirectory;
    private final Path output;
    private final List<Process> restarted = new CopyOnWriteArrayList<>();

    private final StopOnExit stopOnExit;

    private LocalStackProcess(Process process, Path dataDirectory, Path output) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.output = output;
        this.stopOnExit = StopOnExit.closing("local-stack-process", this);
    }

    static LocalStackProcess start(Path dataDirectory) {
        return start(dataDirectory, Map.of());
    }

    /**
     * @param serviceSettings environment of the launcher, which its service processes inherit: Spring settings in
     *     environment form, e.g. {@code DELETION_API_BLOCKS_GRACEPERIOD=5s}
     */
    public static LocalStackProcess start(Path dataDirectory, Map<String, String> serviceSettings) {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(LAUNCHER_JVM_OPTIONS);
        command.addAll(List.of(
                "-jar",
                launcherJar().toString(),
                "--home=" + HOME,
                "--data-dir=" + dataDirectory,
                "--partitions=3",
                "--postgres-port=0",
                // the machines that run these tests are small and shared: how fast a service starts is not under test
                "--health-timeout-seconds=300"));
        for (String port : List.of("calendar-port", "api-port", "worker-port", "reconciler-port")) {
            command.add("--" + port + "=" + freePort());
        }
        try {
            Files.createDirectories(dataDirectory);
            Path output = dataDirectory.resolve("launcher.out");
            Files.deleteIfExists(dataDirectory.resolve("stack.json"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            builder.environment().putAll(serviceSettings);
            Process process = builder.start();
            return new LocalStackProcess(process, dataDirectory, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a data directory of an earlier run, so that a test starts from the first start a user sees. */
    public static void deleteDataDirectory(Path dataDirectory) {
        if (!Files.exists(dataDirectory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the stack has written its description, i.e. everything is up and the demo data is in. */
    public Map<String, String> awaitDescription(Duration timeout) {
        Path description = dataDirectory.resolve("stack.json");
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("The local stack exited; see " + output + ":\n" + tail());
            }
            return Files.exists(description) && Files.size(description) > 0;
        });
        return JsonMapper.shared().readValue(description.toFile(), Map.class);
    }

    public List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Stops one of the stack's services ({@code deletion-api}, {@code deletion-worker}, {@code reconciler}) as an
     * operator would, with SIGTERM; {@link #restart} starts it again as the launcher did.
     */
    StoppedService stopService(String name, Duration timeout) {
        ProcessHandle service = Stream.concat(
                        descendants().stream(), restarted.stream().map(Process::toHandle))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("/" + name + "-"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No running " + name + " process in the stack"));
        return StoppedService.stop(name, service, dataDirectory.resolve("logs").resolve(name + ".log"), timeout);
    }

    /** Starts a stopped service again; {@link #close()} ends it with the rest of the stack. */
    void restart(StoppedService service) {
        restarted.add(service.start());
    }

    /**
     * Stops the launcher as Ctrl-C does: the JVM runs the same shutdown hook on SIGINT and SIGTERM. SIGTERM because a
     * process started in the background of a non-interactive shell (as CI may start the build) ignores SIGINT.
     */
    public int stopAndWait(Duration timeout) throws IOException, InterruptedException {
        for (Process service : restarted) {
            service.destroy();
            service.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid()))
                .start()
                .waitFor();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The local stack did not stop within " + timeout + ":\n" + tail());
        }
        return process.exitValue();
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() {
        stopOnExit.cancel();
        restarted.forEach(Process::destroyForcibly);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Path launcherJar() {
        Path target = HOME.resolve("local-stack/target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "local-stack-*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("Build the local stack first: no executable jar in " + target);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
