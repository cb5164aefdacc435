package dev.deletionpipeline.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The pids of the service processes a run started. If a run is killed without its shutdown hook (kill -9), the next
 * run ends those leftovers before it starts, so that ports and the database are free.
 */
final class PidFile {

    private final Path file;

    PidFile(Path file) {
        this.file = file;
    }

    void record(List<Long> pids) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pids.stream().map(String::valueOf).collect(Collectors.joining("\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void killLeftovers() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    ProcessHandle.of(Long.parseLong(line.strip()))
                            .filter(p -> p.info().command().orElse("").contains("java"))
                            .ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // an unreadable pid file has nothing to end
        }
        clear();
    }

    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
