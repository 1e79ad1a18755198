package io.picturepipeline.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;

/**
 * Which module may use which ({@link Modules}): every module only {@code schemas} and the shared wiring
 * ({@code retry-dlq}), plus the image store where it reads or writes images; only the composition modules use more.
 */
@AnalyzeClasses(packages = Modules.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleDependencyTest {

    @ArchTest
    static final ArchRule modulesUseOnlyWhatTheTableAllows = CompositeArchRule.of(Arrays.stream(Modules.values())
            .map(ModuleDependencyTest::usesOnlyItsAllowance)
            .toList());

    @ArchTest
    static final ArchRule noServiceUsesAnother = slices().assignedFrom(new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                    Modules module = Modules.of(javaClass.getPackageName());
                    return module != null && Modules.SERVICES.contains(module)
                            ? SliceIdentifier.of(module.moduleName())
                            : SliceIdentifier.ignore();
                }

                @Override
                public String getDescription() {
                    return "the four services";
                }
            })
            .should()
            .notDependOnEachOther()
            .because("a service reaches another only through Kafka topics and published views");

    @ArchTest
    static final ArchRule noSpringInSchemasOrOpsCli = noClasses()
            .that()
            .resideInAnyPackage(Modules.SCHEMAS.packages(), Modules.OPS_CLI.packages())
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework..")
            .because("the events are plain records and the ops CLI is plain kafka-clients and picocli");

    @ArchTest
    static final ArchRule noMainCodeUsesTestSupport = noClasses()
            .that()
            .resideOutsideOfPackage(Modules.TEST_SUPPORT.packages())
            .should()
            .dependOnClassesThat()
            .resideInAPackage(Modules.TEST_SUPPORT.packages())
            .because("test-support is test code's: a main class that used it would ship a test helper");

    private static ArchRule usesOnlyItsAllowance(Modules module) {
        return noClasses()
                .that()
                .resideInAPackage(module.packages())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(module.forbidden())
                .as(module.moduleName() + " uses only " + module.allowedDescription());
    }
}
