package dev.deletionpipeline.reconciler;

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

    private static final String BASE = "dev.deletionpipeline.reconciler";

    /**
     * Table → the feature packages whose SQL inserts, updates or deletes its rows (statements whose table name is only
     * known at run time, such as housekeeping's age-based deletes, are not seen).
     */
    private static final Map<String, Set<String>> WRITERS =
            Map.of("blocks", Set.of("sweep"), "outbox", Set.of("redrive"));

    @Test
    void packageRulesHold() {
        PackageRules.verify(BASE, WRITERS);
    }
}
