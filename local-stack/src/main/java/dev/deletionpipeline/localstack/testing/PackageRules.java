package dev.deletionpipeline.localstack.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package rules every service keeps, checked by each service's {@code PackageRulesTest} (ArchUnit on its compiled
 * classes, and its SQL on its sources):
 *
 * <ul>
 *   <li>feature packages do not depend on each other in a cycle;
 *   <li>a public type is used from another package (else it is package-private); types public before the rule was set
 *       are frozen in the service's {@code src/test/resources/archunit-store} and may only disappear from it;
 *   <li>each table is written (INSERT, UPDATE, DELETE) only by the packages declared for it, so that whoever reads a
 *       table knows every place that changes it.
 * </ul>
 */
public final class PackageRules {

    private static final Pattern WRITE =
            Pattern.compile("(?i)\\b(?:insert\\s+into|update|delete\\s+from)\\s+([a-z_][a-z0-9_]*)\\b");
    private static final Pattern CREATE_TABLE =
            Pattern.compile("(?i)\\bcreate\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    private PackageRules() {}

    /**
     * Checks all three rules on the service whose classes are in {@code basePackage}, with its sources in {@code
     * src/main/java} of the working directory (the module, as Maven runs its tests).
     *
     * @param writers table → the feature packages allowed to write it
     */
    public static void verify(String basePackage, Map<String, Set<String>> writers) {
        JavaClasses classes = classesOf(basePackage);
        check(featurePackagesFreeOfCycles(basePackage), classes);
        check(publicOnlyWhenUsedElsewhere(), classes);
        Set<String> tables = migratedTables(Path.of("../common/src/main/resources/db/migration"));
        Map<String, Set<String>> found =
                tableWriters(Path.of("src/main/java"), Path.of(basePackage.replace('.', '/')), tables);
        if (!found.equals(writers)) {
            throw new AssertionError("Tables written by other packages than declared:\n  declared: " + writers
                    + "\n  found:    " + found);
        }
    }

    /** The service's production classes (tests and jars left out). */
    public static JavaClasses classesOf(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
    }

    /** Slices {@code basePackage.(feature)..} free of cycles. */
    public static ArchRule featurePackagesFreeOfCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..").should().beFreeOfCycles();
    }

    /**
     * Public top-level types are used from another package; what was public before the rule is frozen (the services'
     * {@code archunit.properties} say where the list is kept).
     */
    public static ArchRule publicOnlyWhenUsedElsewhere() {
        return FreezingArchRule.freeze(publicOnlyWhenUsedElsewhereUnfrozen());
    }

    static ArchRule publicOnlyWhenUsedElsewhereUnfrozen() {
        return ArchRuleDefinition.classes()
                .that()
                .areTopLevelClasses()
                .and()
                .haveModifier(JavaModifier.PUBLIC)
                .and(DescribedPredicate.not(annotatedAsApplication()))
                .should(beUsedFromAnotherPackage());
    }

    private static DescribedPredicate<JavaClass> annotatedAsApplication() {
        return DescribedPredicate.describe(
                "the application class",
                type -> type.isAnnotatedWith("org.springframework.boot.autoconfigure.SpringBootApplication"));
    }

    private static ArchCondition<JavaClass> beUsedFromAnotherPackage() {
        return new ArchCondition<>("be used from another package (else package-private)") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean usedElsewhere = type.getDirectDependenciesToSelf().stream()
                        .anyMatch(dependency ->
                                !dependency.getOriginClass().getPackageName().equals(type.getPackageName()));
                if (!usedElsewhere) {
                    events.add(SimpleConditionEvent.violated(
                            type, type.getName() + " is public but used only in its own package"));
                }
            }
        };
    }

    /** Evaluates a rule on classes and throws {@link AssertionError} with ArchUnit's report if it is broken. */
    public static void check(ArchRule rule, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        if (result.hasViolation()) {
            throw new AssertionError(result.getFailureReport().toString());
        }
    }

    /**
     * Which package of {@code sources} writes which table: every INSERT/UPDATE/DELETE on a table the migrations create,
     * found in the Java sources (comments left out), by the feature package under {@code basePackageDirectory}.
     */
    public static Map<String, Set<String>> tableWriters(Path sources, Path basePackageDirectory, Set<String> tables) {
        Map<String, Set<String>> writers = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources.resolve(basePackageDirectory))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = sources.resolve(basePackageDirectory).relativize(file);
                String feature =
                        relative.getNameCount() > 1 ? relative.getName(0).toString() : "(root)";
                Matcher write =
                        WRITE.matcher(COMMENT.matcher(Files.readString(file)).replaceAll(""));
                while (write.find()) {
                    String table = write.group(1).toLowerCase(java.util.Locale.ROOT);
                    if (tables.contains(table)) {
                        writers.computeIfAbsent(table, t -> new TreeSet<>()).add(feature);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writers;
    }

    /** The tables the pipeline's Flyway migrations create (in {@code common}'s resources, on every classpath). */
    public static Set<String> migratedTables(Path migrations) {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher create = CREATE_TABLE.matcher(Files.readString(file));
                while (create.find()) {
                    tables.add(create.group(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }
}
