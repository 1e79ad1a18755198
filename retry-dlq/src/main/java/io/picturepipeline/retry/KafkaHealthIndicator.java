package io.picturepipeline.retry;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code kafka} in {@code /actuator/health}: UP when the cluster answers a describe within the timeout, with its id
 * and the number of brokers; DOWN otherwise. One admin client is kept for the service's life, so a probe costs one
 * request, not a connection.
 */
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final Admin admin;
    private final Duration timeout;

    KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
        super("Kafka health check failed");
        int millis = Math.toIntExact(timeout.toMillis());
        this.admin = Admin.create(withTimeouts(adminConfig, millis));
        this.timeout = timeout;
    }

    private static Map<String, Object> withTimeouts(Map<String, Object> config, int millis) {
        Map<String, Object> copy = new HashMap<>(config);
        copy.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        copy.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        copy.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "health");
        return copy;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        DescribeClusterResult cluster =
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(Math.toIntExact(timeout.toMillis())));
        String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Collection<Node> brokers = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        builder.up().withDetail("clusterId", clusterId).withDetail("brokers", brokers.size());
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(1));
    }
}
