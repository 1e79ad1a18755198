package io.picturepipeline.ops;

import java.util.Optional;
import picocli.CommandLine.Command;

@Command(
        name = "resolve",
        description = {
            "Mark dead letters as handled without replaying them, so `list` shows only what is still open.",
            "A generation that was waiting for ops fails for good: GenerationFailed with --reason as its message,"
                    + " which the client sees."
        })
final class ResolveCommand extends ActionCommand {

    @Override
    String verb() {
        return "resolve";
    }

    @Override
    String done() {
        return "resolved";
    }

    @Override
    Optional<String> refusal(DeadLetter deadLetter, boolean named) {
        return Optional.empty();
    }

    @Override
    String act(Operator operator, DeadLetter deadLetter, String by, String selection, String run) {
        return operator.resolve(deadLetter, by, reason, selection, run);
    }
}
