package io.picturepipeline.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where the broker is and how to reach it: the options every command shares. */
final class Connection {

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP)")
    @Nullable
    String bootstrap;

    @Option(
            names = "--command-config",
            paramLabel = "FILE",
            description = "client properties for TLS or SASL (security.protocol, sasl.*, ssl.*), as for kafka-*.sh, or"
                    + " librdkafka's (sasl.mechanisms, sasl.username, sasl.password), as for kcat -F"
                    + " (default: $KCAT_CONFIG)")
    @Nullable
    Path commandConfig;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = Durations.Converter.class,
            description = "how long to wait for the broker (default: ${DEFAULT-VALUE})")
    Duration timeout = Duration.ofSeconds(10);

    @Option(
            names = {"-v", "--verbose"},
            description = "log Kafka client messages and print stack traces")
    boolean verbose;

    /** Client settings: the command-config file, then the bootstrap servers, with short timeouts. */
    Map<String, Object> clientConfig(Map<String, String> environment) {
        Map<String, Object> config = new HashMap<>();
        Path file = commandConfig;
        if (file == null
                && environment.get("KCAT_CONFIG") != null
                && !environment.get("KCAT_CONFIG").isBlank()) {
            file = Path.of(environment.get("KCAT_CONFIG"));
        }
        if (file != null) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new CliException(
                        CliException.USAGE_OR_CONNECTION, "cannot read --command-config " + file + ": " + e);
            }
            properties.forEach((key, value) -> config.put(key.toString(), value));
            LibrdkafkaProperties.translate(config);
        }
        String servers = bootstrap != null ? bootstrap : environment.get("KAFKA_BOOTSTRAP");
        if (servers != null && !servers.isBlank()) {
            config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers);
        }
        if (!config.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new CliException(
                    CliException.USAGE_OR_CONNECTION,
                    "no broker address: pass --bootstrap HOST:PORT or set KAFKA_BOOTSTRAP (`. .local/env` sets it"
                            + " for ./pp up)");
        }
        int millis = (int) timeout.toMillis();
        config.putIfAbsent(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.putIfAbsent(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return config;
    }

    String servers(Map<String, Object> config) {
        return String.valueOf(config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** An admin client that has reached the cluster, or a {@link CliException} an operator understands. */
    Admin connect(Map<String, Object> config) {
        Map<String, Object> adminConfig = new HashMap<>(config);
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "pp-dlq-cli");
        Admin admin = Admin.create(adminConfig);
        try {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return admin;
        } catch (ExecutionException | TimeoutException e) {
            admin.close(Duration.ZERO);
            throw new CliException(
                    CliException.USAGE_OR_CONNECTION,
                    "cannot reach Kafka at " + servers(config) + " within " + Durations.format(timeout)
                            + ". Is the broker running? Check --bootstrap (or KAFKA_BOOTSTRAP) and --command-config.",
                    e);
        } catch (InterruptedException e) {
            admin.close(Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new CliException(CliException.USAGE_OR_CONNECTION, "interrupted while connecting", e);
        }
    }
}
