package io.picturepipeline.faults.invariants;

import io.picturepipeline.faults.Report;
import io.picturepipeline.faults.invariants.ImageStore.StoredObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The image store's objects, {@code <generation id>/<index>.<ext>}. */
final class ImageFiles {

    static final Pattern IMAGE_FILE = Pattern.compile("(\\d+)\\.([a-z]+)");

    private ImageFiles() {}

    /** Images by generation; stray objects (a temporary file left by a killed writer) become notes. */
    static Map<UUID, List<StoredObject>> byGeneration(ImageStore store, Report report) {
        Map<UUID, List<StoredObject>> images = new HashMap<>();
        int stray = 0;
        for (StoredObject object : store.list()) {
            String[] parts = object.key().split("/");
            UUID generation = parts.length == 2 ? Observed.parseUuid(parts[0]) : null;
            if (generation != null && IMAGE_FILE.matcher(parts[1]).matches()) {
                images.computeIfAbsent(generation, k -> new ArrayList<>()).add(object);
            } else {
                stray++;
                report.note("stray file in the image store: " + object.key());
            }
        }
        images.values().forEach(list -> list.sort(Comparator.comparing(StoredObject::key)));
        report.count("stray files in the image store", stray);
        return images;
    }

    /** The last part of a key: {@code <index>.<ext>}. */
    static String fileName(StoredObject object) {
        return object.key().substring(object.key().lastIndexOf('/') + 1);
    }
}
