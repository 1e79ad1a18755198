package io.picturepipeline.bench.report;

import io.picturepipeline.bench.report.Results.Drain;
import io.picturepipeline.bench.report.Results.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a {@link Report} as {@code report.json} and {@code report.md}. */
public final class ReportWriter {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ReportWriter() {}

    public static void write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.json"), json(report));
        Files.writeString(dir.resolve("report.md"), markdown(report));
    }

    public static String json(Report report) {
        return JSON.writeValueAsString(report);
    }

    public static Report fromJson(String json) {
        return JSON.readValue(json, Report.class);
    }

    public static String markdown(Report r) {
        StringBuilder md = new StringBuilder();
        RunSections.header(md, r);
        RunSections.targets(md, r);
        RunSections.runs(md, r);
        RunSections.sweeps(md, r);
        RunSections.sse(md, r);
        ResourceSections.components(md, r);
        ResourceSections.profiles(md, r);
        ResourceSections.details(md, r);
        return md.toString();
    }

    static String drain(@Nullable Drain drain) {
        if (drain == null) {
            return "—";
        }
        return drain.drained()
                ? num(drain.waitedSeconds()) + " s"
                : "**not drained** after " + num(drain.waitedSeconds()) + " s (" + drain.state() + ")";
    }

    /** {@code org.apache.kafka.clients.producer.KafkaProducer.send} → {@code o.a.k.c.p.KafkaProducer.send}. */
    static String shorten(String frame) {
        String[] parts = frame.split("\\.");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            boolean keep = i >= parts.length - 2 || (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0)));
            out.append(keep ? parts[i] : parts[i].substring(0, Math.min(1, parts[i].length())));
            if (i < parts.length - 1) {
                out.append('.');
            }
        }
        return out.toString();
    }

    static String row(String... cells) {
        return "| "
                + java.util.Arrays.stream(cells)
                        .map(c -> c.replace("|", "\\|").replace("\n", " "))
                        .collect(Collectors.joining(" | "))
                + " |\n";
    }

    /** Numbers with the precision they deserve: 0.123, 4.57, 45.7, 4567. */
    public static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "—";
        }
        double a = Math.abs(v);
        String f = a == 0 ? "%.0f" : a < 1 ? "%.3f" : a < 10 ? "%.2f" : a < 100 ? "%.1f" : "%.0f";
        return String.format(Locale.ROOT, f, v);
    }
}
