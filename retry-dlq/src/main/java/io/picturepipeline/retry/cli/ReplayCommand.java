package io.picturepipeline.retry.cli;

import java.util.Optional;
import picocli.CommandLine.Command;

@Command(
        name = "replay",
        description = {
            "Put dead letters back on their stage's topic (the stored bytes, never a pasted payload).",
            "By ref or by filter; only open ones; a parked dead letter (failed again after a replay) only by its ref;"
                    + " a terminal one (its generation already failed) never.",
            "Safe to interrupt and run again: nothing is replayed twice."
        })
final class ReplayCommand extends ActionCommand {

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

    @Override
    String act(Operator operator, DeadLetter deadLetter, String by, String selection, String run) {
        return operator.replay(deadLetter, by, reason, selection, run);
    }
}
