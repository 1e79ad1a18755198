package io.picturepipeline.ops;

import java.util.Map;

/**
 * The few librdkafka client properties ({@code kcat -F}) whose Java names differ: {@code sasl.mechanisms} and the
 * {@code sasl.username}/{@code sasl.password} pair, which the Java client takes as a JAAS line. One file then serves
 * kcat and this CLI.
 */
final class LibrdkafkaProperties {

    private LibrdkafkaProperties() {}

    static void translate(Map<String, Object> config) {
        Object mechanisms = config.remove("sasl.mechanisms");
        if (mechanisms != null) {
            config.putIfAbsent("sasl.mechanism", mechanisms);
        }
        Object username = config.remove("sasl.username");
        Object password = config.remove("sasl.password");
        if (username != null && !config.containsKey("sasl.jaas.config")) {
            String module = String.valueOf(config.getOrDefault("sasl.mechanism", "PLAIN"))
                            .startsWith("SCRAM")
                    ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                    : "org.apache.kafka.common.security.plain.PlainLoginModule";
            config.put(
                    "sasl.jaas.config",
                    module + " required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";");
        }
    }

    private static String quoted(Object value) {
        return String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
