package io.picturepipeline.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JPA or {@code JdbcClient}, one rule (docs/architecture.md): an entity for a row its module writes one at a time as a
 * plain insert or update by id, SQL for everything whose correctness is in the statement or that spans many rows. A
 * table with an entity is written through it alone; SQL may still read it.
 */
@AnalyzeClasses(packages = Modules.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class PersistenceTest {

    private static final String INGEST = "io.picturepipeline.ingest";
    private static final String SPRING_DATA_REPOSITORY = "org.springframework.data.repository.Repository";
    private static final Pattern SQL_WRITE =
            Pattern.compile("(?i)\\b(insert\\s+into|update|delete\\s+from)\\s+(?:\\w+\\.)?(\\w+)");

    @ArchTest
    static final ArchRule jpaOnlyInTheIngestApi = noClasses()
            .that()
            .resideOutsideOfPackage(INGEST + "..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.persistence..", "org.springframework.data..", "org.hibernate..")
            .because("the other services' writes are all conditional or idempotent statements: SQL, no entities");

    @ArchTest
    static final ArchRule noClassUsesBothARepositoryAndSql = noClasses()
            .that(useASpringDataRepository())
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework.jdbc..")
            .because("a class writes its rows one way: through an entity or with SQL");

    @ArchTest
    static final ArchRule entityTablesAreWrittenOnlyThroughTheirEntity =
            classes().should(notWriteWithSqlATableThatHasAnEntity());

    private static DescribedPredicate<JavaClass> useASpringDataRepository() {
        return DescribedPredicate.describe(
                "use a Spring Data repository",
                javaClass -> javaClass.getDirectDependenciesFromSelf().stream()
                        .anyMatch(dependency -> dependency.getTargetClass().isAssignableTo(SPRING_DATA_REPOSITORY)));
    }

    private static ArchCondition<JavaClass> notWriteWithSqlATableThatHasAnEntity() {
        return new ArchCondition<>("not insert into, update or delete from a table that has an entity") {
            private final Set<String> entityTables = new HashSet<>();

            @Override
            public void init(Collection<JavaClass> allClasses) {
                entityTables.clear();
                allClasses.stream()
                        .filter(javaClass -> javaClass.isAnnotatedWith("jakarta.persistence.Entity"))
                        .forEach(entity -> entityTables.add(tableOf(entity)));
            }

            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                if (entityTables.isEmpty() || !usesSql(javaClass)) {
                    return;
                }
                Matcher write = SQL_WRITE.matcher(constantsOf(javaClass));
                while (write.find()) {
                    String table = write.group(2).toLowerCase(Locale.ROOT);
                    if (entityTables.contains(table)) {
                        events.add(SimpleConditionEvent.violated(
                                javaClass,
                                javaClass.getName() + " writes " + table + " with SQL (\""
                                        + write.group().strip() + "\"), a table written through its entity"));
                    }
                }
            }
        };
    }

    private static String tableOf(JavaClass entity) {
        return entity.tryGetAnnotationOfType("jakarta.persistence.Table")
                .map(table -> (String) table.get("name").orElse(""))
                .filter(name -> !name.isEmpty())
                .orElse(entity.getSimpleName())
                .toLowerCase(Locale.ROOT);
    }

    private static boolean usesSql(JavaClass javaClass) {
        return javaClass.getDirectDependenciesFromSelf().stream()
                .anyMatch(dependency ->
                        dependency.getTargetClass().getPackageName().startsWith("org.springframework.jdbc"));
    }

    /**
     * The class file's text constants, one a line: its SQL is there (text blocks and concatenation recipes too). Read
     * from the constant pool, not from the raw bytes, where a constant's length byte can glue onto its first word.
     */
    private static String constantsOf(JavaClass javaClass) {
        try (DataInputStream in = new DataInputStream(
                javaClass.getSource().orElseThrow().getUri().toURL().openStream())) {
            in.skipNBytes(8); // magic, minor and major version
            int count = in.readUnsignedShort();
            StringBuilder constants = new StringBuilder();
            for (int index = 1; index < count; index++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> constants.append(in.readUTF()).append('\n');
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        index++; // a long or a double takes two entries
                    }
                    default ->
                        throw new IllegalStateException("constant pool tag " + tag + " in " + javaClass.getName());
                }
            }
            return constants.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
