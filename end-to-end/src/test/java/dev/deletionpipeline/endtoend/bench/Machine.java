package dev.deletionpipeline.endtoend.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine a report was measured on: cores, load (the numbers depend on it), Java, OS. */
final class Machine {

    private Machine() {}

    static Map<String, Object> describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("load_average_start", loadAverage());
        machine.put("java_version", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return machine;
    }

    /** The 1-, 5- and 15-minute load averages from {@code /proc/loadavg}. */
    static List<Double> loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return Arrays.stream(fields, 0, 3).map(Double::valueOf).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
