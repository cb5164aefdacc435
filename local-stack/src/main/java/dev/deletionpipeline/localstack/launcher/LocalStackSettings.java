package dev.deletionpipeline.localstack.launcher;

import dev.deletionpipeline.localstack.postgres.LocalPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the local stack is started with. Every value has a default; each can be given as {@code --name=value} on the
 * command line or as the environment variable {@code LOCAL_STACK_NAME} (upper case, dashes as underscores).
 *
 * @param home the repository root, where the services' jars are built
 * @param dataDirectory PostgreSQL's files, the services' logs and the stack description; kept across starts
 * @param partitions partitions of every contract topic
 * @param calendarLatency fixed latency of every stand-in Google call
 * @param withServices false starts only Kafka, PostgreSQL and the stand-in (to run the services from an IDE)
 * @param serviceJvmOptions JVM options of each service process
 * @param postgresMaxSlotWalKeepSize PostgreSQL's {@code max_slot_wal_keep_size}: the most WAL the relay's slot may pin
 *     while the relay is down
 */
public record LocalStackSettings(
        Path home,
        Path dataDirectory,
        int postgresPort,
        int calendarPort,
        int apiPort,
        int workerPort,
        int reconcilerPort,
        int partitions,
        Duration calendarLatency,
        boolean withServices,
        Duration healthTimeout,
        List<String> serviceJvmOptions,
        String postgresMaxSlotWalKeepSize) {

    /**
     * A heap that starts small (the JVM would otherwise reserve and touch a 64th of the machine's memory up front) and
     * ends at 192 MB (deletion-api ran out of heap at 128 MB under the benchmark's open-loop overload), with a young
     * generation of at most 32 MB (it is touched whole on every cycle), the serial collector (least overhead on a small
     * heap and few cores), smaller thread stacks and code cache, and only the JIT's first tier (C1): four JVMs tiering up
     * to C2 on two shared cores kept compiling for minutes (a fifth to two fifths of the stack benchmark's CPU), and C1
     * alone measured 20-40 % less CPU per bulk deletion, the same per single deletion and ~190 MB less PSS.
     */
    public static final String DEFAULT_SERVICE_JVM_OPTIONS = "-Xms32m -Xmx192m -XX:MaxNewSize=32m -XX:+UseSerialGC"
            + " -Xss512k -XX:ReservedCodeCacheSize=64m -XX:TieredStopAtLevel=1";

    public static LocalStackSettings from(String[] args, Map<String, String> environment) {
        Map<String, String> given = new HashMap<>();
        environment.forEach((key, value) -> {
            if (key.startsWith("LOCAL_STACK_")) {
                given.put(key.substring("LOCAL_STACK_".length()).toLowerCase().replace('_', '-'), value);
            }
        });
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got: " + arg);
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Path home = Path.of(given.getOrDefault("home", ".")).toAbsolutePath().normalize();
        return new LocalStackSettings(
                home,
                Path.of(given.getOrDefault(
                                "data-dir", home.resolve("target/local-stack").toString()))
                        .toAbsolutePath()
                        .normalize(),
                intOf(given, "postgres-port", 54329),
                intOf(given, "calendar-port", 18090),
                intOf(given, "api-port", 8081),
                intOf(given, "worker-port", 8082),
                intOf(given, "reconciler-port", 8083),
                intOf(given, "partitions", 6),
                Duration.ofMillis(intOf(given, "calendar-latency-ms", 0)),
                Boolean.parseBoolean(given.getOrDefault("with-services", "true")),
                Duration.ofSeconds(intOf(given, "health-timeout-seconds", 90)),
                List.of(given.getOrDefault("service-jvm-options", DEFAULT_SERVICE_JVM_OPTIONS)
                        .split("\\s+")),
                given.getOrDefault("postgres-max-slot-wal-keep-size", LocalPostgres.DEFAULT_MAX_SLOT_WAL_KEEP_SIZE));
    }

    private static int intOf(Map<String, String> given, String name, int defaultValue) {
        String value = given.get(name);
        try {
            return value == null ? defaultValue : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got: " + value, e);
        }
    }
}
