package io.picturepipeline.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of this repository, found from the compose module's directory (the tests' working directory). */
final class Repo {

    private Repo() {}

    static Path compose() {
        Path here = Path.of("").toAbsolutePath();
        if (Files.exists(here.resolve("docker-compose.yml"))) {
            return here;
        }
        if (Files.exists(here.resolve("compose/docker-compose.yml"))) {
            return here.resolve("compose");
        }
        throw new IllegalStateException("run the tests from the compose module or the repository root, not " + here);
    }

    static Path root() {
        return compose().getParent();
    }

    static Path compose(String relative) {
        return compose().resolve(relative);
    }

    static Path root(String relative) {
        return root().resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
