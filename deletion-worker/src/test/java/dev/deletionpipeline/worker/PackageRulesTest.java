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
     * known at run time, such as housekeeping's age-based deletes, are not seen).
     */
    private static final Map<String, Set<String>> WRITERS = Map.of(
            "admin_audit", Set.of("failure"),
            "blocks", Set.of("claim", "failure", "harddelete"),
            "dead_letters", Set.of("failure"),
            "deletion_receipts", Set.of("harddelete"),
            "deletion_request_receipts", Set.of("receipts"),
            "deletion_tasks", Set.of("claim", "harddelete", "tasks"),
            "outbox", Set.of("harddelete", "receipts"),
            "receipt_chains", Set.of("receipts"),
            "removed_dependants", Set.of("harddelete"));

    @Test
    void packageRulesHold() {
        PackageRules.verify(BASE, WRITERS);
    }

    /**
     * The table rule fails when broken: declared as before the regrouping (the redrive's {@code admin_audit} and
     * {@code blocks} writes in a package {@code redrive} of their own), the writers found in the sources differ, which
     * {@link PackageRules#verify} reports as "Tables written by other packages than declared".
     */
    @Test
    void aTableWrittenFromAnUndeclaredPackageBreaksTheRule() {
        Map<String, Set<String>> stale = new HashMap<>(WRITERS);
        stale.put("admin_audit", Set.of("redrive"));
        Map<String, Set<String>> found =
                PackageRules.tableWriters(Path.of("src/main/java"), Path.of(BASE.replace('.', '/')), WRITERS.keySet());

        assertThat(found).isEqualTo(WRITERS).isNotEqualTo(stale);
        assertThat(found.get("admin_audit")).containsExactly("failure");
    }
}
