package dev.deletionpipeline.worker;

import dev.deletionpipeline.localstack.testing.PackageRules;
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
            "admin_audit", Set.of("redrive"),
            "blocks", Set.of("claim", "failure", "harddelete", "redrive"),
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
}
