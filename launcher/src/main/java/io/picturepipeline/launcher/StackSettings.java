package io.picturepipeline.launcher;

import io.picturepipeline.infra.DemoTokens;
import io.picturepipeline.infra.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the local stack lives and listens. {@link #defaults} is the run command's fixed, documented layout;
 * {@link #isolated} picks free ports for tests running beside it.
 */
record StackSettings(
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

    static final String DATABASE = "picture";

    static StackSettings defaults(Path projectRoot, Map<String, String> env) {
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

    static StackSettings isolated(Path projectRoot, Path dataDir, Duration providerLatency) {
        return new StackSettings(
                projectRoot,
                dataDir,
                FreePorts.pick(),
                FreePorts.pick(),
                FreePorts.pick(),
                FreePorts.pick(),
                FreePorts.pick(),
                FreePorts.pick(),
                FreePorts.pick(),
                DemoTokens.DEFAULT_SECRET,
                providerLatency);
    }

    String apiUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    String providerUrl() {
        return "http://127.0.0.1:" + providerPort;
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    Path imageStore() {
        return dataDir.resolve("images");
    }

    Path logDir() {
        return dataDir.getParent().resolve("logs");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return Integer.parseInt(env.getOrDefault(name, Integer.toString(fallback)));
    }
}
