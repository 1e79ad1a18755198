package io.picturepipeline.faults.invariants;

import io.picturepipeline.faults.Report;
import io.picturepipeline.faults.invariants.ImageStore.StoredObject;
import io.picturepipeline.schemas.GenerationStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One stored image per output: for a completed generation the projection's images, {@code download.completed_download}
 * and the files under the image store agree, file sizes included; a generation that is not completed has no completed
 * download.
 */
final class OneImagePerOutput implements Invariant {

    private static final String NAME = "one image per output";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void check(Observed seen, Report report) {
        for (Expected e : seen.expected().values()) {
            ProjectionRow row = seen.projection().get(e.id());
            if (row == null) {
                continue;
            }
            Integer completedDownload = seen.completedDownloads().get(e.id());
            if (row.generationStatus() != GenerationStatus.COMPLETED) {
                if (completedDownload != null) {
                    report.violation(
                            e.id(),
                            e.scenario(),
                            NAME,
                            "download.completed_download has it but the projection says " + row.status());
                }
                continue;
            }
            checkCompleted(e, row, completedDownload, seen.files().getOrDefault(e.id(), List.of()), report);
        }
    }

    private static void checkCompleted(
            Expected e, ProjectionRow row, Integer completedDownload, List<StoredObject> files, Report report) {
        JsonNode images = JSON.readTree(row.images());
        if (images.size() != e.outputs()) {
            report.violation(
                    e.id(),
                    e.scenario(),
                    NAME,
                    "projection lists " + images.size() + " images for " + e.outputs() + " outputs");
        }
        if (completedDownload == null) {
            report.violation(e.id(), e.scenario(), NAME, "no download.completed_download row");
        } else if (completedDownload != e.outputs()) {
            report.violation(
                    e.id(),
                    e.scenario(),
                    NAME,
                    "download.completed_download lists " + completedDownload + " images for " + e.outputs()
                            + " outputs");
        }
        Map<Integer, StoredObject> byIndex = new HashMap<>();
        for (StoredObject file : files) {
            Matcher name = ImageFiles.IMAGE_FILE.matcher(ImageFiles.fileName(file));
            if (name.matches()) {
                byIndex.put(Integer.parseInt(name.group(1)), file);
            }
        }
        if (byIndex.size() != e.outputs()) {
            report.violation(
                    e.id(),
                    e.scenario(),
                    NAME,
                    byIndex.size() + " image files for " + e.outputs() + " outputs: " + files);
        }
        for (JsonNode image : images) {
            int index = image.path("index").asInt();
            StoredObject file = byIndex.get(index);
            long bytes = image.path("bytes").asLong();
            if (file == null || file.bytes() != bytes) {
                report.violation(
                        e.id(),
                        e.scenario(),
                        NAME,
                        "image " + index + " should be " + bytes + " bytes, the file is "
                                + (file == null ? "missing" : file.bytes() + " bytes"));
            }
        }
    }
}
