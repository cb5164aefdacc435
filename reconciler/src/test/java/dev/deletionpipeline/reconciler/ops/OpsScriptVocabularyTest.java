package dev.deletionpipeline.reconciler.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.topics.DeadLetterStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's script cannot import {@code common}'s enums, so it names the states and dead-letter statuses it
 * colours and filters by; this keeps those names the contract's: a state renamed or removed in {@code common} fails
 * here instead of leaving a panel that silently never matches.
 */
class OpsScriptVocabularyTest {

    private static final Path SCRIPT = Path.of("src/main/resources/static/ops/ops.js");

    /** Upper-case words that are the browser's, not the contract's: HTTP methods and a DOM tag name. */
    private static final Set<String> NOT_CONTRACT = Set.of("GET", "POST", "DELETE", "TD");

    private static final Pattern QUOTED_NAME = Pattern.compile("'([A-Z][A-Z_]+)'");
    private static final Pattern KEY_NAME = Pattern.compile("\\b([A-Z][A-Z_]{2,}):");

    @Test
    void everyStateOrStatusTheScriptNamesIsOneOfTheContracts() throws IOException {
        Set<String> contract = Stream.concat(
                        Arrays.stream(DeletionState.values()).map(Enum::name),
                        Arrays.stream(DeadLetterStatus.values()).map(Enum::name))
                .collect(Collectors.toSet());

        Set<String> named = namesIn(Files.readString(SCRIPT));
        named.removeAll(NOT_CONTRACT);

        assertThat(named).isNotEmpty().containsAnyOf("HELD", "OPEN");
        assertThat(contract).as("states and statuses named in ops.js").containsAll(named);
    }

    @Test
    void aNameOutsideTheContractIsCaught() {
        Set<String> named = namesIn("const ATTENTION = { SOFTDELETED: 'bad' }; filter('REDRIVE_DONE');");

        assertThat(named).containsExactly("REDRIVE_DONE", "SOFTDELETED");
        assertThat(DeletionState.values()).extracting(Enum::name).doesNotContain("SOFTDELETED");
    }

    private static Set<String> namesIn(String script) {
        Set<String> names = new TreeSet<>();
        QUOTED_NAME.matcher(script).results().forEach(m -> names.add(m.group(1)));
        KEY_NAME.matcher(script).results().forEach(m -> names.add(m.group(1)));
        return names;
    }
}
