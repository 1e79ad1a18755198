package io.picturepipeline.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Copies of the service jars a stack starts from, laid out as a checkout ({@code <root>/<module>/target/*-exec.jar}),
 * so that a {@link LocalStack} given {@link #root()} as its project root keeps running while a build rewrites the
 * originals (the fault suite restarts services mid-run; the benchmark runs for an hour).
 *
 * @param root the copy's project root
 * @param jars module → which jar it is and when it was built ({@code picture-ingest-api-…-exec.jar built …})
 */
public record JarSnapshot(Path root, Map<String, String> jars) {

    public JarSnapshot {
        jars = Collections.unmodifiableMap(new LinkedHashMap<>(jars));
    }

    /** Copies the newest executable jar of each of {@code modules} from {@code projectRoot} into {@code root}. */
    public static JarSnapshot take(Path projectRoot, List<String> modules, Path root) {
        Map<String, String> jars = new LinkedHashMap<>();
        try {
            for (String module : modules) {
                Path jar = ServiceProcess.executableJar(projectRoot, module);
                Path target = root.resolve(module).resolve("target");
                if (Files.exists(target)) {
                    try (Stream<Path> old = Files.list(target)) {
                        for (Path file : old.toList()) {
                            Files.delete(file);
                        }
                    }
                }
                Files.createDirectories(target);
                Files.copy(jar, target.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                jars.put(module, jar.getFileName() + " built " + Files.getLastModifiedTime(jar));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the service jars to " + root, e);
        }
        return new JarSnapshot(root, jars);
    }
}
