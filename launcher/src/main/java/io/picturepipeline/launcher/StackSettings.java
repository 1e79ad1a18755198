package io.picturepipeline.launcher;

import io.picturepipeline.infra.DemoTokens;
import io.picturepipeline.infra.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where the local stack lives and listens. {@link #defaults} is the run command's fixed, documented layout;
 * {@link #isolated} picks free ports for tests running beside it.
 */
public record StackSettings(
        Path projectRoot,
        Path dataDir,
        int ingestPort,
        int generationPort,
        int downloadPort,
        int projectionPort,
        int providerPort,
        int kafkaPort,
        int postgresPort,
        String jwtSecret,
        Duration providerLatency) {

    public static final String DATABASE = "picture";

    public static StackSettings defaults(Path projectRoot, Map<String, String> env) {
        return new StackSettings(
                projectRoot,
                projectRoot.resolve(".local/data"),
                port(env, "API_PORT", 8080),
                port(env, "GENERATION_PORT", 8081),
                port(env, "DOWNLOAD_PORT", 8082),
                port(env, "PROJECTION_PORT", 8083),
                port(env, "PROVIDER_PORT", 8090),
                port(env, "KAFKA_PORT", 19092),
                port(env, "POSTGRES_PORT", 15432),
                env.getOrDefault("JWT_SECRET", DemoTokens.DEFAULT_SECRET),
                Duration.parse(env.getOrDefault("PROVIDER_LATENCY", "PT2S")));
    }

    /** The port of one of the four services ({@code ingest-api}, {@code projection}, …). */
    public int portOf(String module) {
        return switch (module) {
            case "projection" -> projectionPort;
            case "ingest-api" -> ingestPort;
            case "generation-consumer" -> generationPort;
            case "download-consumer" -> downloadPort;
            default -> throw new IllegalArgumentException("no such service: " + module);
        };
    }

    public static StackSettings isolated(Path projectRoot, Path dataDir, Duration providerLatency) {
        int[] ports = distinctFreePorts(7);
        return new StackSettings(
                projectRoot,
                dataDir,
                ports[0],
                ports[1],
                ports[2],
                ports[3],
                ports[4],
                ports[5],
                ports[6],
                DemoTokens.DEFAULT_SECRET,
                providerLatency);
    }

    /**
     * Free ports, all different, none the successor of another (Kafka's controller listens on its port + 1): the
     * system may hand out the same free port twice in a row.
     */
    static int[] distinctFreePorts(int count) {
        Set<Integer> taken = new HashSet<>();
        int[] ports = new int[count];
        for (int i = 0; i < count; ) {
            int port = FreePorts.pick();
            if (!taken.contains(port) && !taken.contains(port - 1) && !taken.contains(port + 1)) {
                taken.add(port);
                ports[i++] = port;
            }
        }
        return ports;
    }

    /** The same layout with its data (and, beside it, its logs) in {@code dir}. */
    public StackSettings withDataDir(Path dir) {
        return new StackSettings(
                projectRoot,
                dir,
                ingestPort,
                generationPort,
                downloadPort,
                projectionPort,
                providerPort,
                kafkaPort,
                postgresPort,
                jwtSecret,
                providerLatency);
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    public String providerUrl() {
        return "http://127.0.0.1:" + providerPort;
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    public Path imageStore() {
        return dataDir.resolve("images");
    }

    public Path logDir() {
        return dataDir.getParent().resolve("logs");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return Integer.parseInt(env.getOrDefault(name, Integer.toString(fallback)));
    }
}
