package io.picturepipeline.faults;

import io.picturepipeline.launcher.JarSnapshot;
import io.picturepipeline.launcher.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the suite runs and the service jars its stacks start from. */
final class ServiceJars {

    private static Path jarSnapshot;

    private ServiceJars() {}

    /** The fault-suite module directory (tests run in it; a run from the repository root is found too). */
    static Path moduleDir() {
        Path here = Path.of("").toAbsolutePath();
        if (Files.isDirectory(here.resolve("fault-suite"))) {
            return here.resolve("fault-suite");
        }
        return here;
    }

    /**
     * Copies each service's executable jar into {@code target/stack-root/<module>/target/}, once per JVM: other
     * builds may rewrite the originals while a scenario restarts a service. The jars come from the repository
     * ({@code <module>/target}, built by the reactor before this module) or from {@code -Dfaults.serviceRoot=<dir>}.
     */
    static synchronized Path snapshot(Path projectRoot, Path snapshot) {
        if (jarSnapshot == null) {
            JarSnapshot taken = JarSnapshot.take(projectRoot, LocalStack.SERVICES, snapshot);
            taken.jars().forEach((module, jar) -> FaultStack.log("service jar of " + module + ": " + jar));
            jarSnapshot = taken.root();
        }
        return jarSnapshot;
    }
}
