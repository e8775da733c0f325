package ai.aleff.testkit.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering every service follows, as ArchUnit rules over the service's root package:
 * <ul>
 * <li>no cycles between the packages directly below the root;</li>
 * <li>{@code rest -> service -> repository}: {@code rest} is reached by nothing, the services (every other package
 * below the root) only by {@code rest} and {@code messaging}, {@code repository} by no one above the services;</li>
 * <li>{@code messaging} at the edge: nothing but the composition packages depends on it, so a service that publishes
 * or consumes does so through a port that the messaging edge implements.</li>
 * </ul>
 * A service calls {@code LayeringRules.of("ai.aleff.x").check()} from a {@code *Test}; composition packages (those
 * that wire the edge to the services, e.g. CDI producers) are named with {@link #withComposition(String...)}.
 */
public final class LayeringRules {

    private static final String REST = "Rest";
    private static final String MESSAGING = "Messaging";
    private static final String SERVICE = "Service";
    private static final String REPOSITORY = "Repository";
    private static final String COMPOSITION = "Composition";

    private final String root;
    private final List<String> composition;

    private LayeringRules(String root, List<String> composition) {
        this.root = root;
        this.composition = composition;
    }

    /** The rules for the service whose classes live below {@code rootPackage}. */
    public static LayeringRules of(String rootPackage) {
        return new LayeringRules(rootPackage, List.of());
    }

    /** The same rules, with these packages below the root allowed to depend on every layer. */
    public LayeringRules withComposition(String... packages) {
        return new LayeringRules(root, Stream.concat(composition.stream(), Stream.of(packages)).toList());
    }

    /** The service's main classes (tests excluded), as the rules see them. */
    public JavaClasses importClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
    }

    /** Checks every rule against the service's main classes. */
    public void check() {
        JavaClasses classes = importClasses();
        noPackageCycles().check(classes);
        layers().check(classes);
    }

    public ArchRule noPackageCycles() {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles().as("no package cycles in " + root);
    }

    public ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .optionalLayer(REST)
                .definedBy(pkg("rest"))
                .optionalLayer(MESSAGING)
                .definedBy(pkg("messaging"))
                .optionalLayer(REPOSITORY)
                .definedBy(pkg("repository"))
                .optionalLayer(COMPOSITION)
                .definedBy(composition.isEmpty()
                        ? DescribedPredicate.alwaysFalse()
                        : inAny(composition.stream().map(this::pkg).toArray(String[]::new)))
                .optionalLayer(SERVICE)
                .definedBy(services())
                .whereLayer(REST)
                .mayOnlyBeAccessedByLayers(COMPOSITION)
                .whereLayer(MESSAGING)
                .mayOnlyBeAccessedByLayers(COMPOSITION)
                .whereLayer(SERVICE)
                .mayOnlyBeAccessedByLayers(REST, MESSAGING, COMPOSITION)
                .whereLayer(REPOSITORY)
                .mayOnlyBeAccessedByLayers(SERVICE, MESSAGING, COMPOSITION)
                .as("rest -> service -> repository, messaging at the edge, in " + root);
    }

    private String pkg(String name) {
        return root + "." + name + "..";
    }

    /** Every class below the root that is in no other layer (classes in the root package itself are not). */
    private DescribedPredicate<JavaClass> services() {
        List<String> others = Stream.concat(Stream.of("rest", "messaging", "repository"), composition.stream())
                .map(this::pkg)
                .toList();
        DescribedPredicate<JavaClass> inOther = inAny(others.toArray(String[]::new));
        return DescribedPredicate.describe("services below " + root,
                c -> c.getPackageName().startsWith(root + ".") && !inOther.test(c));
    }

    private static DescribedPredicate<JavaClass> inAny(String... packageIdentifiers) {
        return JavaClass.Predicates.resideInAnyPackage(packageIdentifiers);
    }
}
