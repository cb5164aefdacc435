package dev.deletionpipeline.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services' package rules report a broken rule, naming it (each service's PackageRulesTest relies on that). */
class PackageRulesSelfTest {

    private static final String FIXTURE = "dev.deletionpipeline.localstack.testing.fixture";
    private static final JavaClasses FIXTURE_CLASSES = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void aCycleBetweenFeaturePackagesFails() {
        assertThatThrownBy(() -> PackageRules.check(PackageRules.featurePackagesFreeOfCycles(FIXTURE), FIXTURE_CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("a")
                .hasMessageContaining("b");
    }

    @Test
    void aPublicTypeUsedOnlyInItsOwnPackageFails() {
        assertThatThrownBy(
                        () -> PackageRules.check(PackageRules.publicOnlyWhenUsedElsewhereUnfrozen(), FIXTURE_CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("fixture.c.Lonely is public but used only in its own package")
                // used from the other package, UsesA and UsesB are public rightly
                .hasMessageNotContaining("UsesA is public")
                .hasMessageNotContaining("UsesB is public");
    }

    @Test
    void aWriteFromAnUndeclaredPackageShowsInTheWriterMap(@TempDir Path sources) throws Exception {
        Path base = sources.resolve("dev/x");
        Files.createDirectories(base.resolve("billing"));
        Files.createDirectories(base.resolve("tasks"));
        Files.writeString(
                base.resolve("tasks/TaskStore.java"),
                "class TaskStore { String sql = \"\"\"\n" + "    UPDATE deletion_tasks SET state = 'DONE'\"\"\"; }");
        Files.writeString(
                base.resolve("billing/Sneaky.java"),
                "class Sneaky {\n"
                        + "    // update deletion_tasks in a comment does not count\n"
                        + "    String sql = \"insert into deletion_tasks (id) values (?)\"; String other = \"delete from unknown_x\"; }");

        Map<String, Set<String>> writers =
                PackageRules.tableWriters(sources, Path.of("dev/x"), Set.of("deletion_tasks", "blocks"));

        assertThat(writers).isEqualTo(Map.of("deletion_tasks", Set.of("billing", "tasks")));
    }
}
