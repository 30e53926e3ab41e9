package org.greenplan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The engine boundary (ARCHITECTURE.md): the engines are plain Java on JTS, so the server, the CLI and the
 * benchmarks run the same code, and an engine can be read and tested without a database or a Spring context.
 * Their {@code service} subpackages are the Spring side and may use both.
 */
@AnalyzeClasses(packages = "org.greenplan", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String[] ENGINES = {"org.greenplan.indicator..", "org.greenplan.network..", "org.greenplan.geo..",
            "org.greenplan.demo..", "org.greenplan.kind..", "org.greenplan.siting.."};

    static final String[] SERVER_SIDE = {"org.springframework..", "jakarta..", "java.sql..", "javax.sql..",
            "org.postgresql..", "org.flywaydb..", "org.greenplan.layer..", "org.greenplan.api..",
            "org.greenplan.ingest..", "org.greenplan.tiles..", "org.greenplan.security..", "org.greenplan.limits..",
            "org.greenplan.cli..", "org.greenplan.indicator.service..", "org.greenplan.network.service..", "org.greenplan.siting.service.."};

    @ArchTest
    static final ArchRule enginesDependOnNoServerCode = noClasses()
            .that().resideInAnyPackage(ENGINES)
            .and().resideOutsideOfPackages("org.greenplan.indicator.service..", "org.greenplan.network.service..", "org.greenplan.siting.service..")
            .should().dependOnClassesThat().resideInAnyPackage(SERVER_SIDE)
            .because("the engines run without Spring or a database: the CLI and the benchmarks use them as they are");
}
