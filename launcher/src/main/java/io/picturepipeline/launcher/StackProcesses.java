package io.picturepipeline.launcher;

import io.picturepipeline.provider.local.LocalProviderSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which processes a {@link LocalStack} starts and how: {@link #defaults()} is what {@code ./pp up} runs; the
 * benchmark runs the local provider as its own JVM (its CPU counted apart), its own JVM options and, for the seeds'
 * runs, PostgreSQL and the provider only.
 *
 * @param jvmDefaults the JVM options every service (and a provider of its own) starts with, before its own
 * @param startupTimeout how long a service may take to report UP
 * @param pipeline false: PostgreSQL and the provider only, no broker and no services
 * @param providerJvm the local provider as a child JVM ({@code LocalProviderMain}, options of {@code local-provider})
 *     instead of inside this one; {@link LocalStack#provider()} is then {@code null}
 * @param provider the local provider's settings; its port and latency are the {@link StackSettings}' (faults and
 *     clock stay the defaults in a provider of its own)
 */
public record StackProcesses(
        List<String> jvmDefaults,
        Duration startupTimeout,
        boolean pipeline,
        boolean providerJvm,
        LocalProviderSettings provider) {

    /** Small heaps, the serial collector and C1 only: four services start fast on a laptop. */
    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    public StackProcesses {
        jvmDefaults = List.copyOf(jvmDefaults);
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(provider, "provider");
    }

    public static StackProcesses defaults() {
        return new StackProcesses(
                DEFAULT_JVM_OPTIONS, Duration.ofMinutes(3), true, false, LocalProviderSettings.defaults());
    }

    public StackProcesses withJvmDefaults(List<String> options) {
        return new StackProcesses(options, startupTimeout, pipeline, providerJvm, provider);
    }

    public StackProcesses withStartupTimeout(Duration timeout) {
        return new StackProcesses(jvmDefaults, timeout, pipeline, providerJvm, provider);
    }

    /** PostgreSQL and the provider only. */
    public StackProcesses withoutPipeline() {
        return new StackProcesses(jvmDefaults, startupTimeout, false, providerJvm, provider);
    }

    /** The local provider as its own JVM with {@code settings}. */
    public StackProcesses withProviderJvm(LocalProviderSettings settings) {
        return new StackProcesses(jvmDefaults, startupTimeout, pipeline, true, settings);
    }
}
