package io.picturepipeline.bench.stack;

import io.picturepipeline.launcher.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;

/** Whether the ingest-api came through a run: alive, UP, and no OutOfMemoryError in its log. */
final class IngestHealth {

    private IngestHealth() {}

    /** Empty when the ingest-api is alive and UP; otherwise what is wrong, including an OutOfMemoryError in its log. */
    static String problems(ServiceProcess api) {
        StringBuilder problems = new StringBuilder();
        if (!api.isAlive()) {
            problems.append("; the ingest-api process has exited");
        } else if (!api.isHealthy()) {
            problems.append("; the ingest-api is not UP afterwards");
        }
        try {
            if (Files.readString(api.log()).contains("OutOfMemoryError")) {
                problems.append("; the ingest-api log shows an OutOfMemoryError");
            }
        } catch (IOException | RuntimeException e) {
            // no log to read
        }
        return problems.toString();
    }
}
