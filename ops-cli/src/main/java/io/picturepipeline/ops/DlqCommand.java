package io.picturepipeline.ops;

import io.picturepipeline.schemas.DeadLetterRef;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** What every subcommand shares: the connection options, the output, the store of dead letters. */
abstract class DlqCommand implements Callable<Integer> {

    @ParentCommand
    DlqCli cli;

    @Mixin
    Connection connection;

    PrintWriter out() {
        return cli.out;
    }

    PrintWriter err() {
        return cli.err;
    }

    Instant now() {
        return cli.clock.instant();
    }

    Map<String, Object> clientConfig() {
        return connection.clientConfig(cli.environment);
    }

    <T> T withStore(Function<DeadLetterStore, T> work) {
        Map<String, Object> config = clientConfig();
        try (DeadLetterStore store = new DeadLetterStore(connection.connect(config), config, connection.timeout)) {
            return work.apply(store);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new CliException(
                    CliException.USAGE_OR_CONNECTION,
                    "Kafka at " + connection.servers(config) + " stopped answering: " + e.getMessage(),
                    e);
        }
    }

    static Predicate<DeadLetter> open(Map<String, AuditEntry> audit) {
        return d -> !audit.containsKey(d.ref().toString());
    }

    static String state(DeadLetter deadLetter, Map<String, AuditEntry> audit) {
        AuditEntry entry = audit.get(deadLetter.ref().toString());
        return entry == null ? "open" : entry.action().wireName();
    }

    static String flags(DeadLetter deadLetter) {
        StringBuilder flags = new StringBuilder();
        if (deadLetter.terminal()) {
            flags.append("terminal");
        }
        if (deadLetter.parked()) {
            flags.append(flags.isEmpty() ? "" : ",").append("parked");
        }
        if (deadLetter.truncatedFrom().isPresent()) {
            flags.append(flags.isEmpty() ? "" : ",").append("truncated");
        }
        if (deadLetter.replayCount() > 0 && !deadLetter.parked()) {
            flags.append(flags.isEmpty() ? "" : ",").append("replay-").append(deadLetter.replayCount());
        }
        return flags.isEmpty() ? "-" : flags.toString();
    }

    static final class RefConverter implements ITypeConverter<DeadLetterRef> {
        @Override
        public DeadLetterRef convert(String value) {
            try {
                return DeadLetterRef.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
