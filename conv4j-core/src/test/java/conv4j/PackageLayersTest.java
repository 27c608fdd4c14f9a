package conv4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import conv4j.tensor.UpwardDependencyFixture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's package order in core, lowest first: a class may depend only on its own package, packages below it and
 * the JDK, so each layer can be read, tested and replaced knowing only what lies beneath it.
 */
class PackageLayersTest {
    private static final String[] LAYERS = {"tensor", "kernels", "autograd", "nn", "optim", "train", "io"};
    /** The JDK's own packages; com.sun.management tells the kernels which vector instructions the JIT emits. */
    private static final String[] JDK = {"java..", "javax..", "jdk..", "com.sun.management.."};
    /** Core's one library, for the JSON of model files, and only where model files are read and written. */
    private static final String JSON = "com.fasterxml.jackson..";

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("conv4j");

    private static String pkg(String layer) {
        return "conv4j." + layer + "..";
    }

    /** One rule per layer: its classes depend only on the JDK, itself and the layers below. */
    static List<ArchRule> layerRules() {
        List<ArchRule> rules = new ArrayList<>();
        for (int i = 0; i < LAYERS.length; i++) {
            List<String> allowed = new ArrayList<>(Arrays.asList(JDK));
            for (int j = 0; j <= i; j++) {
                allowed.add(pkg(LAYERS[j]));
            }
            if (LAYERS[i].equals("io")) {
                allowed.add(JSON);
            }
            rules.add(classes().that().resideInAPackage(pkg(LAYERS[i]))
                    .should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(String[]::new))
                    .because("conv4j." + LAYERS[i] + " may only use the JDK" + (LAYERS[i].equals("io") ? ", Jackson"
                            : "") + " and " + String.join(", ",
                            Arrays.stream(LAYERS, 0, i + 1).map(l -> "conv4j." + l).toList()))
                    .allowEmptyShould(true)); // a package may not have classes yet
        }
        return rules;
    }

    @Test
    void everyPackageDependsOnlyOnItselfAndLowerPackages() {
        assertTrue(CORE.size() > 10, "found only " + CORE.size() + " core classes");
        for (ArchRule rule : layerRules()) {
            rule.check(CORE);
        }
    }

    @Test
    void everyCoreClassLivesInALayeredPackage() {
        classes().should().resideInAnyPackage(Arrays.stream(LAYERS).map(PackageLayersTest::pkg).toArray(String[]::new))
                .because("a new package in core needs its place in DESIGN.md's order")
                .check(CORE);
    }

    @Test
    void coreDoesNotDependOnVisionOrTheCommandLine() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("conv4j.vision..", "conv4j.cli..")
                .check(CORE);
    }

    @Test
    void anUpwardDependencyIsReported() {
        JavaClasses fixture = new ClassFileImporter().importClasses(UpwardDependencyFixture.class);
        AssertionError e = assertThrows(AssertionError.class, () -> {
            for (ArchRule rule : layerRules()) {
                rule.check(fixture);
            }
        });
        assertTrue(e.getMessage().contains("conv4j.nn.Module"), e.getMessage());
    }
}
