package io.picturepipeline.bench.stack;

import io.picturepipeline.bench.measure.ProcFs;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

/** The process ids of the stack's parts the benchmark did not start as a {@code JvmProcess}. */
final class Pids {

    private Pids() {}

    /** The postmaster of the PostgreSQL whose data folder is {@code dataDir}. */
    static Optional<Long> postmaster(Path dataDir) {
        String dir = dataDir.toAbsolutePath().toString();
        return ProcFs.all().stream()
                .filter(s -> s.comm().equals("postgres"))
                .filter(s -> ProcFs.cmdline(s.pid()).contains(dir))
                .map(ProcFs.Stat::pid)
                .min(Comparator.naturalOrder());
    }

    /** The Kafka broker this JVM started. */
    static Optional<Long> broker() {
        return ProcessHandle.current()
                .children()
                .filter(p -> ProcFs.cmdline(p.pid()).contains("kafka.Kafka"))
                .map(ProcessHandle::pid)
                .findFirst();
    }
}
