package io.picturepipeline.faults.invariants;

import io.picturepipeline.faults.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The image store's files, {@code <generation id>/<index>.<ext>}. */
final class ImageFiles {

    static final Pattern IMAGE_FILE = Pattern.compile("(\\d+)\\.([a-z]+)");

    private ImageFiles() {}

    /** Image files by generation; stray files (a temporary file left by a killed writer) become notes. */
    static Map<UUID, List<Path>> byGeneration(Path imageStore, Report report) {
        Map<UUID, List<Path>> files = new HashMap<>();
        if (!Files.isDirectory(imageStore)) {
            return files;
        }
        int stray = 0;
        try (Stream<Path> walk = Files.walk(imageStore)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path relative = imageStore.relativize(file);
                UUID generation = relative.getNameCount() == 2
                        ? Observed.parseUuid(relative.getName(0).toString())
                        : null;
                if (generation != null
                        && IMAGE_FILE.matcher(relative.getFileName().toString()).matches()) {
                    files.computeIfAbsent(generation, k -> new ArrayList<>()).add(file);
                } else {
                    stray++;
                    report.note("stray file in the image store: " + relative);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.values().forEach(list -> list.sort(Comparator.naturalOrder()));
        report.count("stray files in the image store", stray);
        return files;
    }
}
