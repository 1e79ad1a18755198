package io.picturepipeline.ops;

/** Ends a command with a plain message for the operator and an exit code. */
final class CliException extends RuntimeException {

    static final int NOTHING_DONE = 1;
    static final int USAGE_OR_CONNECTION = 2;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
