package io.picturepipeline.launcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link LocalStack} deviates from the run command's shape, for fault and load tests: more brokers (replication
 * factor 3, {@code min.insync.replicas} 2), more instances of a service, extra Spring properties or JVM options for
 * a service. {@link #defaults()} is exactly what {@code ./pp up} runs.
 *
 * @param brokers 1: the single local broker; more: a {@link io.picturepipeline.infra.LocalKafkaCluster} with a
 *     dedicated controller, and every service declares its topics with replication factor {@code min(3, brokers)}
 *     and {@code min.insync.replicas} {@code min(2, brokers)}
 * @param instances module → number of processes (default 1); the first listens on the settings' port, the others on
 *     free ports
 * @param properties module → extra command-line properties ({@code --key=value}); one with the key of a property the
 *     stack sets itself replaces it
 * @param jvmOptions module → extra JVM options ({@code -Dkey=value}, {@code -Xmx…})
 * @param secure the production shape ({@code ./pp up --secure}, {@link SecureStack}): three brokers with SASL/SCRAM
 *     and ACLs from {@code Access}, one Kafka principal and one PostgreSQL login role per service, random secrets,
 *     services outside the {@code local} profile
 * @param oneProcess the four services in one JVM ({@code ./pp up --one-process}, the {@code one-process} module),
 *     each its own Spring application context on its own port; one instance of each, not with {@code secure}; the
 *     JVM gets every service's JVM options
 * @param processes which processes start and how (JVM defaults, startup time, the provider in its own JVM, no
 *     broker or services); {@link StackProcesses#defaults()} for the run command
 */
public record StackOptions(
        int brokers,
        Map<String, Integer> instances,
        Map<String, List<String>> properties,
        Map<String, List<String>> jvmOptions,
        boolean secure,
        boolean oneProcess,
        StackProcesses processes) {

    public StackOptions {
        if (brokers < 1) {
            throw new IllegalArgumentException("a stack needs at least one broker, not " + brokers);
        }
        if (secure && brokers < 3) {
            throw new IllegalArgumentException("the secure stack runs three brokers or more, not " + brokers);
        }
        if (oneProcess && (secure || instances.values().stream().anyMatch(n -> n > 1))) {
            throw new IllegalArgumentException(
                    "one process runs one instance of each service with the local profile: not with --secure or"
                            + " more instances");
        }
        instances = Map.copyOf(instances);
        properties = copy(properties);
        jvmOptions = copy(jvmOptions);
        Objects.requireNonNull(processes, "processes");
    }

    public static StackOptions defaults() {
        return new StackOptions(1, Map.of(), Map.of(), Map.of(), false, false, StackProcesses.defaults());
    }

    /** The production shape on one machine: {@code ./pp up --secure}. */
    public static StackOptions secureDefaults() {
        return new StackOptions(3, Map.of(), Map.of(), Map.of(), true, false, StackProcesses.defaults());
    }

    public StackOptions withBrokers(int count) {
        return new StackOptions(count, instances, properties, jvmOptions, secure, oneProcess, processes);
    }

    public StackOptions withInstances(String module, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one instance of " + module + ", not " + count);
        }
        Map<String, Integer> next = new HashMap<>(instances);
        next.put(module, count);
        return new StackOptions(brokers, next, properties, jvmOptions, secure, oneProcess, processes);
    }

    /** Adds {@code key=value} properties for {@code module}; of two with the same key, the later one wins. */
    public StackOptions withProperties(String module, String... keyValues) {
        return new StackOptions(
                brokers, instances, append(properties, module, keyValues), jvmOptions, secure, oneProcess, processes);
    }

    public StackOptions withJvmOptions(String module, String... options) {
        return new StackOptions(
                brokers, instances, properties, append(jvmOptions, module, options), secure, oneProcess, processes);
    }

    /** The four services in one JVM ({@code ./pp up --one-process}). */
    public StackOptions withOneProcess() {
        return new StackOptions(brokers, instances, properties, jvmOptions, secure, true, processes);
    }

    /** Which processes start and how (see {@link StackProcesses}). */
    public StackOptions withProcesses(StackProcesses value) {
        return new StackOptions(brokers, instances, properties, jvmOptions, secure, oneProcess, value);
    }

    public int instancesOf(String module) {
        return instances.getOrDefault(module, 1);
    }

    /** The extra properties of {@code module} as command-line arguments. */
    public List<String> propertiesOf(String module) {
        return properties.getOrDefault(module, List.of()).stream()
                .map(p -> p.startsWith("--") ? p : "--" + p)
                .toList();
    }

    public List<String> jvmOptionsOf(String module) {
        return jvmOptions.getOrDefault(module, List.of());
    }

    private static Map<String, List<String>> append(Map<String, List<String>> map, String module, String... values) {
        Map<String, List<String>> next = new HashMap<>(map);
        List<String> list = new ArrayList<>(next.getOrDefault(module, List.of()));
        list.addAll(List.of(values));
        next.put(module, list);
        return next;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> map) {
        Map<String, List<String>> copy = new HashMap<>();
        map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Map.copyOf(copy);
    }
}
