package io.exposureguard;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house rules (ARCHITECTURE.md), checked on the compiled application classes. The pure core depends on
 * nothing outside itself but the Fabric8 object model; the rings around it (Kubernetes adapters, the edges that
 * talk to the network, the application, the CLI) depend inward only; no package depends on itself in a circle.
 */
class ArchitectureTest {

    private static final String CORE = "io.exposureguard.core..";
    private static JavaClasses classes;

    @BeforeAll
    static void importApplicationClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.exposureguard");
    }

    @Test
    void noPackageDependsOnItselfInACircle() {
        check(slices().matching("io.exposureguard.(**)").should().beFreeOfCycles());
    }

    @Test
    void ringsDependInwardOnly() {
        check(layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy(CORE)
                .layer("kube").definedBy("io.exposureguard.kube..")
                .layer("edge").definedBy("io.exposureguard.edge..")
                .layer("app").definedBy("io.exposureguard.app..")
                .layer("cli").definedBy("io.exposureguard.cli..")
                .layer("main").definedBy("io.exposureguard")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("main")
                .whereLayer("app").mayOnlyBeAccessedByLayers("cli", "main")
                .whereLayer("edge").mayOnlyBeAccessedByLayers("app", "cli", "main")
                .whereLayer("kube").mayOnlyBeAccessedByLayers("edge", "app", "cli", "main"));
    }

    /** The Kubernetes client's CRD base class and its JSON mapper are plain values; nothing else of the client is. */
    @Test
    void theCoreUsesNoClientFrameworkMetricsNetworkOrLogging() {
        DescribedPredicate<JavaClass> outside = resideInAnyPackage(
                "io.fabric8.kubernetes.client..", "io.quarkus..", "io.vertx..", "io.smallrye..", "io.netty..",
                "jakarta.enterprise..", "jakarta.inject..", "jakarta.ws..", "org.eclipse.microprofile..",
                "io.micrometer..", "java.net..", "java.nio.file..", "org.jboss.logging..", "java.util.logging..")
                .and(not(belongToAnyOf(CustomResource.class, KubernetesSerialization.class)));
        check(noClasses().that().resideInAPackage(CORE).should().dependOnClassesThat(outside));
    }

    @Test
    void theCoreStartsNoThreadsAndWaitsForNothing() {
        check(noClasses().that().resideInAPackage(CORE).should().dependOnClassesThat(
                resideInAnyPackage("java.util.concurrent..").or(assignableTo(Thread.class))));
    }

    /** Time comes in as a value (an Instant or a Clock passed by the caller), so the core can be tested at any time. */
    @Test
    void theCoreNeverReadsTheClock() {
        check(noClasses().that().resideInAPackage(CORE).should()
                .callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone"));
    }

    @Test
    void theCoreReadsNoEnvironment() {
        check(noClasses().that().resideInAPackage(CORE).should()
                .callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class)
                .orShould().accessField(System.class, "out")
                .orShould().accessField(System.class, "err"));
    }

    /** A new package says in its package-info.java what it is for and which ring it belongs to. */
    @Test
    void everyPackageSaysWhatItIsFor() {
        List<String> undocumented = classes.stream().map(JavaClass::getPackage).distinct()
                .filter(p -> !p.getName().equals("io.exposureguard") && p.tryGetPackageInfo().isEmpty())
                .map(JavaPackage::getName).sorted().toList();
        assertThat(undocumented).as("packages without a package-info.java").isEmpty();
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
