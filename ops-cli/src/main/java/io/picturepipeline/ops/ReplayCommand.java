package io.picturepipeline.ops;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "replay",
        description = {
            "Put dead letters back on their stage's topic (the stored bytes, never a pasted payload).",
            "By ref or by filter; only open ones; a parked dead letter (failed again after a replay) only by its ref;"
                    + " a terminal one (its generation already failed) never.",
            "Safe to interrupt and run again: nothing is replayed twice."
        })
final class ReplayCommand extends ActionCommand {

    private static final int SAMPLE = 10;

    private final EventCodec codec = new EventCodec();

    @Option(
            names = "--output-retention",
            paramLabel = "DURATION",
            defaultValue = "1h",
            converter = Durations.Converter.class,
            description = "how long the provider keeps a prediction's outputs (Replicate: an hour; default:"
                    + " ${DEFAULT-VALUE}); a dry run says which download dead letters are older")
    Duration outputRetention;

    @Override
    String verb() {
        return "replay";
    }

    @Override
    String done() {
        return "replayed";
    }

    @Override
    Optional<String> refusal(DeadLetter deadLetter, boolean named) {
        if (deadLetter.terminal()) {
            return Optional.of("terminal: the generation already failed and the client was told; resolve it instead");
        }
        if (deadLetter.truncatedFrom().isPresent()) {
            return Optional.of(
                    "truncated: its value of " + deadLetter.truncatedFrom().get()
                            + " bytes was too large to keep whole, so it cannot be processed; resolve it instead");
        }
        if (deadLetter.parked() && !named) {
            return Optional.of("parked: it failed again after replay " + deadLetter.replayCount()
                    + "; name its ref to replay it again");
        }
        return Optional.empty();
    }

    /**
     * Download dead letters whose images were generated longer ago than the provider keeps outputs: the replay will
     * find their URLs gone, fetch fresh ones from the prediction, and fail the generation as {@code output_expired}
     * when the provider has deleted them.
     */
    @Override
    List<String> warnings(List<DeadLetter> chosen) {
        Instant now = now();
        List<String> expired = new ArrayList<>();
        for (DeadLetter deadLetter : chosen) {
            if (deadLetter.pipelineStage().filter(Stage.DOWNLOAD::equals).isEmpty()) {
                continue;
            }
            Instant generatedAt = generatedAt(deadLetter);
            Duration age = Duration.between(generatedAt, now);
            if (age.compareTo(outputRetention) > 0) {
                expired.add("  " + deadLetter.ref() + "  images generated " + Durations.format(age) + " ago"
                        + deadLetter
                                .generationId()
                                .map(id -> " (generation " + id + ")")
                                .orElse(""));
            }
        }
        if (expired.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(expired.size() + " download dead letter(s) are older than the provider's output retention ("
                + Durations.format(outputRetention) + "): their output URLs have likely expired. The replay fetches"
                + " fresh URLs from each prediction; where the provider has deleted the outputs, the generation"
                + " fails as output_expired (no retry):");
        expired.stream().limit(SAMPLE).forEach(lines::add);
        if (expired.size() > SAMPLE) {
            lines.add("  … and " + (expired.size() - SAMPLE) + " more");
        }
        return lines;
    }

    /** When the provider finished (the event's time); the dead letter's own time when the value is unreadable. */
    private Instant generatedAt(DeadLetter deadLetter) {
        if (deadLetter.value() != null && deadLetter.truncatedFrom().isEmpty()) {
            try {
                return codec.decode(deadLetter.value(), ImagesGenerated.class).occurredAt();
            } catch (RuntimeException e) {
                // fall through: not an ImagesGenerated we can read
            }
        }
        return deadLetter.at();
    }

    @Override
    String act(Operator operator, DeadLetter deadLetter, String by, String selection, String run) {
        return operator.replay(deadLetter, by, reason, selection, run);
    }
}
