package io.picturepipeline.architecture;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Each module of the build by the root package of its main code, and the modules its main code may use. */
enum Modules {
    SCHEMAS("schemas"),
    RETRY_DLQ("retry", SCHEMAS),
    OPS_CLI("ops", SCHEMAS),
    LOCAL_INFRA("infra", SCHEMAS),
    /** Test code's: a test-scoped dependency, which no other module's main code may use. */
    TEST_SUPPORT("testsupport", SCHEMAS, LOCAL_INFRA),
    LOCAL_PROVIDER("provider", SCHEMAS),
    IMAGE_STORE("storage"),
    INGEST_API("ingest", SCHEMAS, RETRY_DLQ, IMAGE_STORE),
    GENERATION_CONSUMER("generation", SCHEMAS, RETRY_DLQ),
    DOWNLOAD_CONSUMER("download", SCHEMAS, RETRY_DLQ, IMAGE_STORE),
    PROJECTION("projection", SCHEMAS, RETRY_DLQ),
    ONE_PROCESS(
            "oneprocess",
            SCHEMAS,
            RETRY_DLQ,
            IMAGE_STORE,
            INGEST_API,
            GENERATION_CONSUMER,
            DOWNLOAD_CONSUMER,
            PROJECTION),
    LAUNCHER("launcher", SCHEMAS, LOCAL_INFRA, LOCAL_PROVIDER);

    static final String ROOT = "io.picturepipeline";

    /** The four services: each runs on its own and none uses another's code. */
    static final List<Modules> SERVICES = List.of(INGEST_API, GENERATION_CONSUMER, DOWNLOAD_CONSUMER, PROJECTION);

    private final String root;
    private final List<Modules> uses;

    Modules(String root, Modules... uses) {
        this.root = root;
        this.uses = List.of(uses);
    }

    /** The ArchUnit package pattern of the module's code. */
    String packages() {
        return ROOT + "." + root + "..";
    }

    /** The package patterns of every other module this one must not use. */
    String[] forbidden() {
        return Stream.of(values())
                .filter(other -> other != this && !uses.contains(other))
                .map(Modules::packages)
                .toArray(String[]::new);
    }

    String allowedDescription() {
        return uses.isEmpty()
                ? "no other module"
                : String.join(", ", uses.stream().map(Modules::moduleName).toList());
    }

    String moduleName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The module whose code {@code packageName} is, or null for a class outside them. */
    static Modules of(String packageName) {
        return Arrays.stream(values())
                .filter(module -> packageName.equals(ROOT + "." + module.root)
                        || packageName.startsWith(ROOT + "." + module.root + "."))
                .findFirst()
                .orElse(null);
    }
}
