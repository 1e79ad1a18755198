package io.picturepipeline.launcher;

import io.picturepipeline.provider.local.LocalProvider;
import io.picturepipeline.provider.local.LocalProviderMain;
import io.picturepipeline.provider.local.LocalProviderSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The stack's local image provider: inside this JVM (the run command, the tests, which inject faults into it), or a
 * child JVM of its own ({@link StackProcesses#providerJvm()}: the benchmark, which counts its CPU apart).
 */
final class StackProvider implements AutoCloseable {

    static final String NAME = "local-provider";

    private final LocalProvider inProcess;
    private final JvmProcess process;

    private StackProvider(LocalProvider inProcess, JvmProcess process) {
        this.inProcess = inProcess;
        this.process = process;
    }

    static StackProvider start(StackSettings settings, StackOptions options) {
        StackProcesses processes = options.processes();
        LocalProviderSettings provider =
                processes.provider().withPort(settings.providerPort()).withLatency(settings.providerLatency());
        if (!processes.providerJvm()) {
            return new StackProvider(LocalProvider.start(provider), null);
        }
        List<String> jvm = new ArrayList<>(processes.jvmDefaults());
        jvm.addAll(options.jvmOptionsOf(NAME));
        JvmProcess process = JvmProcess.start(
                NAME,
                jvm,
                List.of("-cp", JvmProcess.classpath(), LocalProviderMain.class.getName()),
                LocalProviderMain.environmentOf(provider),
                settings.dataDir(),
                settings.logDir().resolve(NAME + ".log"));
        StackProvider started = new StackProvider(null, process);
        try {
            process.awaitHttp(URI.create(settings.providerUrl() + "/health"), "", processes.startupTimeout());
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** The provider in this JVM, or {@code null} when it runs as its own process. */
    LocalProvider inProcess() {
        return inProcess;
    }

    /** The provider's own process, if it runs as one. */
    OptionalLong pid() {
        return process != null ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    @Override
    public void close() {
        if (inProcess != null) {
            inProcess.close();
        }
        if (process != null) {
            process.stop(Duration.ofSeconds(10));
        }
    }
}
