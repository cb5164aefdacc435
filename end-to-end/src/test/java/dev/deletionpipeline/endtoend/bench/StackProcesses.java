package dev.deletionpipeline.endtoend.bench;

import dev.deletionpipeline.localstack.testing.ProcessCpu;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack's processes by role: the three services (children of the launcher, found by their jar's name), the
 * launcher itself (it hosts the Kafka broker and the Google stand-in) and PostgreSQL (the postmaster and its children,
 * which the embedded PostgreSQL detaches from the launcher).
 */
final class StackProcesses {

    private StackProcesses() {}

    static Map<String, List<ProcessHandle>> of(BenchStack stack) {
        List<ProcessHandle> children = stack.process().descendants();
        Map<String, List<ProcessHandle>> processes = new LinkedHashMap<>();
        processes.put("api", service(children, "deletion-api"));
        processes.put("worker", service(children, "deletion-worker"));
        processes.put("reconciler", service(children, "reconciler"));
        processes.put(
                "launcher", List.of(ProcessHandle.of(stack.process().pid()).orElseThrow()));
        processes.put("postgres", ProcessCpu.postgres(stack.postgresDirectory()));
        return processes;
    }

    /** The stack's processes and, as {@code bench}, this JVM: the load generator, JDBC clients and Kafka consumers. */
    static Map<String, List<ProcessHandle>> withBenchmark(BenchStack stack) {
        Map<String, List<ProcessHandle>> processes = of(stack);
        processes.put("bench", List.of(ProcessHandle.current()));
        return processes;
    }

    private static List<ProcessHandle> service(List<ProcessHandle> children, String name) {
        return children.stream()
                .filter(p -> p.info().commandLine().orElse("").contains("/" + name + "-"))
                .toList();
    }
}
