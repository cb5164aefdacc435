package dev.deletionpipeline.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.localstack.testing.PackageRules;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The package rules of this service ({@link PackageRules}): no cycles between feature packages, public only where
 * another package uses it, and each table written only by the packages below. A change that breaks one fails here,
 * naming it (the rules' own failure is shown in local-stack's {@code PackageRulesSelfTest}).
 */
class PackageRulesTest {

    private static final String BASE = "dev.deletionpipeline.worker";

    /**
     * Table → the feature packages whose SQL inserts, updates or deletes its rows (statements whose table name is only
     * known at run time, such as housekeeping's age-based deletes, are not seen). A block's deletion state is written
     * by {@code claim} only ({@code BlockStates}); {@code harddelete} removes the rows. {@code deletion_tasks} is
     * {@code tasks}' ({@code TaskStore}), except the attempt count that the claim's one statement writes with the claim.
     */
    private static final Map<String, Set<String>> WRITERS = Map.of(
            "admin_audit", Set.of("failure"),
            "blocks", Set.of("claim", "harddelete"),
            "dead_letters", Set.of("failure"),
            "deletion_receipts", Set.of("harddelete"),
            "deletion_request_receipts", Set.of("receipts"),
            "deletion_tasks", Set.of("claim", "tasks"),
            "outbox", Set.of("harddelete", "receipts"),
            "receipt_chains", Set.of("receipts"),
            "removed_dependants", Set.of("harddelete"));

    @Test
    void packageRulesHold() {
        PackageRules.verify(BASE, WRITERS);
    }

    /**
     * The table rule fails when broken: declared as before the regrouping (block states written from {@code failure}
     * too, and the dependants' tasks removed by {@code harddelete}), the writers found in the sources differ, which
     * {@link PackageRules#verify} reports as "Tables written by other packages than declared".
     */
    @Test
    void aTableWrittenFromAnUndeclaredPackageBreaksTheRule() {
        Map<String, Set<String>> stale = new HashMap<>(WRITERS);
        stale.put("blocks", Set.of("claim", "failure", "harddelete"));
        stale.put("deletion_tasks", Set.of("claim", "harddelete", "tasks"));
        Map<String, Set<String>> found =
                PackageRules.tableWriters(Path.of("src/main/java"), Path.of(BASE.replace('.', '/')), WRITERS.keySet());

        assertThat(found).isEqualTo(WRITERS).isNotEqualTo(stale);
        assertThat(found.get("blocks")).containsExactly("claim", "harddelete");
        assertThat(found.get("deletion_tasks")).containsExactly("claim", "tasks");
    }
}
