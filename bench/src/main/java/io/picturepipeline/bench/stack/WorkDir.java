package io.picturepipeline.bench.stack;

import io.picturepipeline.launcher.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A benchmark stack's work folder: cleared before a run, holding copies of the jars the run started. */
final class WorkDir {

    private WorkDir() {}

    /** A copy of the module's executable jar in the work folder: a rebuild during the run cannot pull it away. */
    static Path snapshotJar(Path projectRoot, String module, Path workDir, Map<String, String> jars) {
        Path jar = ServiceProcess.executableJar(projectRoot, module);
        try {
            jars.put(module, jar.getFileName() + " built " + Files.getLastModifiedTime(jar));
            Path copy = workDir.resolve("jars").resolve(jar.getFileName());
            Files.createDirectories(copy.getParent());
            Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
