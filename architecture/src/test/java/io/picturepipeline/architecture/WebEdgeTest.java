package io.picturepipeline.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * HTTP stays at the edge: controllers live in {@code web} packages, and below the ingest-api's web edge (its
 * {@code web} packages, the servlet security of {@code auth}, the API description of {@code openapi}) no class uses
 * Spring's HTTP or web types or the servlet API. The domain throws what happened; the {@code web} package's advice
 * turns it into a problem.
 */
@AnalyzeClasses(packages = Modules.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class WebEdgeTest {

    private static final String INGEST = "io.picturepipeline.ingest";

    @ArchTest
    static final ArchRule controllersLiveInWebPackages = classes()
            .that()
            .areMetaAnnotatedWith("org.springframework.stereotype.Controller")
            .should()
            .resideInAPackage("..web..")
            .because("a feature's HTTP face is its web package");

    @ArchTest
    static final ArchRule noHttpTypesBelowTheIngestWebEdge = noClasses()
            .that()
            .resideInAPackage(INGEST + "..")
            .and()
            .resideOutsideOfPackages(INGEST + "..web..", INGEST + ".auth..", INGEST + ".openapi..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.http..", "jakarta.servlet..", "org.springframework.web..")
            .because("domain code throws domain exceptions; statuses, headers and bodies are the web edge's");
}
