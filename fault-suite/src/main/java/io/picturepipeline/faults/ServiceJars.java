package io.picturepipeline.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

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
        if (jarSnapshot != null) {
            return jarSnapshot;
        }
        try {
            for (String module : FaultStack.SERVICES) {
                Path source = projectRoot.resolve(module).resolve("target");
                Path jar;
                try (Stream<Path> files = Files.exists(source) ? Files.list(source) : Stream.empty()) {
                    jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar"))
                            .max(Comparator.comparing(p -> p.toFile().lastModified()))
                            .orElseThrow(() -> new IllegalStateException("no executable jar of " + module + " in "
                                    + source + "; build first: ./mvnw -B -DskipTests package"));
                }
                Path target = snapshot.resolve(module).resolve("target");
                if (Files.exists(target)) {
                    try (Stream<Path> old = Files.list(target)) {
                        for (Path file : old.toList()) {
                            Files.delete(file);
                        }
                    }
                }
                Files.createDirectories(target);
                Files.copy(jar, target.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                FaultStack.log("service jar " + jar + " (" + Files.getLastModifiedTime(jar) + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot snapshot the service jars", e);
        }
        jarSnapshot = snapshot;
        return snapshot;
    }
}
