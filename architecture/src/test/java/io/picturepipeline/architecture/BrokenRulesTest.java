package io.picturepipeline.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.picturepipeline.download.brokenrules.UsesTestSupport;
import io.picturepipeline.generation.brokenrules.UsesTheIngestApi;
import io.picturepipeline.ingest.brokenrules.ControllerOutsideWeb;
import io.picturepipeline.ingest.brokenrules.FixtureRow;
import io.picturepipeline.ingest.brokenrules.FixtureRowRepository;
import io.picturepipeline.ingest.brokenrules.HttpInTheDomain;
import io.picturepipeline.ingest.brokenrules.IngestThing;
import io.picturepipeline.ingest.brokenrules.ReadsAnEntityTableWithSql;
import io.picturepipeline.ingest.brokenrules.RepositoryBesideSql;
import io.picturepipeline.ingest.brokenrules.ValueInjected;
import io.picturepipeline.ingest.brokenrules.WritesAnEntityTableWithSql;
import io.picturepipeline.projection.brokenrules.EntityOutsideTheIngestApi;
import io.picturepipeline.schemas.brokenrules.SpringInTheEvents;
import io.picturepipeline.testsupport.TopicWriter;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every rule of this module fails on a class that breaks it on purpose (the {@code brokenrules} packages of this
 * module's test code, named as the modules they pretend to be), with a message that names the class and what it did.
 * Empty "should"s are allowed here only: a fixture set holds classes of a few modules, not of all.
 */
class BrokenRulesTest {

    @Test
    void aServiceUsingAnotherBreaksTheModuleTable() {
        assertThat(violationsOf(
                        ModuleDependencyTest.modulesUseOnlyWhatTheTableAllows,
                        UsesTheIngestApi.class,
                        IngestThing.class))
                .anySatisfy(naming(UsesTheIngestApi.class.getName(), IngestThing.class.getName()));
    }

    @Test
    void aServiceUsingAnotherBreaksTheSlices() {
        assertThat(violationsOf(ModuleDependencyTest.noServiceUsesAnother, UsesTheIngestApi.class, IngestThing.class))
                .anySatisfy(naming("generation-consumer", "ingest-api", UsesTheIngestApi.class.getName()));
    }

    @Test
    void mainCodeUsingTestSupportBreaksTheTestOnlyRule() {
        assertThat(violationsOf(ModuleDependencyTest.noMainCodeUsesTestSupport, UsesTestSupport.class))
                .anySatisfy(naming(UsesTestSupport.class.getName(), TopicWriter.class.getName()));
    }

    @Test
    void mainCodeUsingTestSupportBreaksTheModuleTable() {
        assertThat(violationsOf(
                        ModuleDependencyTest.modulesUseOnlyWhatTheTableAllows,
                        UsesTestSupport.class,
                        TopicWriter.class))
                .anySatisfy(naming(UsesTestSupport.class.getName(), TopicWriter.class.getName()));
    }

    @Test
    void springInTheEventsBreaksTheirPlainness() {
        assertThat(violationsOf(ModuleDependencyTest.noSpringInSchemasOrOpsCli, SpringInTheEvents.class))
                .anySatisfy(naming(SpringInTheEvents.class.getName(), "org.springframework.stereotype.Component"));
    }

    @Test
    void aControllerOutsideAWebPackageBreaksTheEdge() {
        assertThat(violationsOf(WebEdgeTest.controllersLiveInWebPackages, ControllerOutsideWeb.class))
                .anySatisfy(naming(ControllerOutsideWeb.class.getName(), "web"));
    }

    @Test
    void anHttpStatusInTheDomainBreaksTheEdge() {
        assertThat(violationsOf(WebEdgeTest.noHttpTypesBelowTheIngestWebEdge, HttpInTheDomain.class))
                .anySatisfy(naming(HttpInTheDomain.class.getName(), "org.springframework.http.HttpStatus"));
    }

    @Test
    void aValueAnnotationBreaksTheSettingsRecords() {
        assertThat(violationsOf(SettingsTest.noValueAnnotations, ValueInjected.class))
                .anySatisfy(
                        naming(ValueInjected.class.getName(), "org.springframework.beans.factory.annotation.Value"));
    }

    @Test
    void anEntityOutsideTheIngestApiBreaksThePersistenceRule() {
        assertThat(violationsOf(PersistenceTest.jpaOnlyInTheIngestApi, EntityOutsideTheIngestApi.class))
                .anySatisfy(naming(EntityOutsideTheIngestApi.class.getName(), "jakarta.persistence.Entity"));
    }

    @Test
    void aRepositoryBesideSqlInOneClassBreaksThePersistenceRule() {
        assertThat(violationsOf(
                        PersistenceTest.noClassUsesBothARepositoryAndSql,
                        RepositoryBesideSql.class,
                        FixtureRowRepository.class))
                .anySatisfy(
                        naming(RepositoryBesideSql.class.getName(), "org.springframework.jdbc.core.simple.JdbcClient"));
    }

    @Test
    void writingAnEntityTableWithSqlBreaksThePersistenceRule() {
        assertThat(violationsOf(
                        PersistenceTest.entityTablesAreWrittenOnlyThroughTheirEntity,
                        FixtureRow.class,
                        WritesAnEntityTableWithSql.class))
                .anySatisfy(naming(WritesAnEntityTableWithSql.class.getName(), "writes fixture_row with SQL"));
    }

    @Test
    void readingAnEntityTableWithSqlKeepsThePersistenceRule() {
        assertThat(violationsOf(
                        PersistenceTest.entityTablesAreWrittenOnlyThroughTheirEntity,
                        FixtureRow.class,
                        ReadsAnEntityTableWithSql.class))
                .isEmpty();
    }

    private static Consumer<String> naming(String... fragments) {
        return violation -> assertThat(violation).contains(fragments);
    }

    private static List<String> violationsOf(ArchRule rule, Class<?>... fixtures) {
        EvaluationResult result = rule.allowEmptyShould(true).evaluate(new ClassFileImporter().importClasses(fixtures));
        return result.getFailureReport().getDetails();
    }
}
