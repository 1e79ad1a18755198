package io.picturepipeline.retry;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;

/** The SASL password in {@code spring.kafka.properties.sasl.jaas.config}, checked as a {@link RequiredSecret}. */
final class KafkaCredentialsCheck {

    static final String SETTING = "spring.kafka.properties.sasl.jaas.config (SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG)";
    static final int MIN_PASSWORD_BYTES = 16;
    private static final Pattern PASSWORD = Pattern.compile("password=\"([^\"]*)\"");

    private KafkaCredentialsCheck() {}

    static KafkaCredentialsCheck of(Environment environment) {
        String jaas = environment.getProperty("spring.kafka.properties.sasl.jaas.config");
        if (jaas != null) {
            Matcher password = PASSWORD.matcher(jaas);
            RequiredSecret.check(
                    environment,
                    SETTING + ", its password",
                    password.find() ? password.group(1) : null,
                    MIN_PASSWORD_BYTES);
        }
        return new KafkaCredentialsCheck();
    }
}
