package io.picturepipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** One file for kcat and the CLI: the librdkafka properties of {@code KCAT_CONFIG} become Java client settings. */
class LibrdkafkaPropertiesTest {

    @Test
    void kcatsSaslPropertiesBecomeTheJavaClientsJaasLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ops.properties"), """
                bootstrap.servers=127.0.0.1:1
                security.protocol=SASL_PLAINTEXT
                sasl.mechanisms=SCRAM-SHA-512
                sasl.username=ops-cli
                sasl.password=0123456789abcdef0123456789abcdef
                """);
        Connection connection = new Connection();
        new CommandLine(connection).parseArgs();

        Map<String, Object> config = connection.clientConfig(Map.of("KCAT_CONFIG", file.toString()));

        assertThat(config)
                .containsEntry("bootstrap.servers", "127.0.0.1:1")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ops-cli\""
                                + " password=\"0123456789abcdef0123456789abcdef\";")
                .doesNotContainKeys("sasl.mechanisms", "sasl.username", "sasl.password");
    }

    @Test
    void anExplicitCommandConfigWinsOverKcatConfig(@TempDir Path dir) throws Exception {
        Path java = Files.writeString(dir.resolve("java.properties"), "bootstrap.servers=127.0.0.1:2\n");
        Path kcat = Files.writeString(dir.resolve("kcat.properties"), "bootstrap.servers=127.0.0.1:3\n");
        Connection connection = new Connection();
        new CommandLine(connection).parseArgs("--command-config", java.toString());

        assertThat(connection.clientConfig(Map.of("KCAT_CONFIG", kcat.toString())))
                .containsEntry("bootstrap.servers", "127.0.0.1:2");
    }

    @Test
    void helpNamesKcatConfig() {
        StringWriter out = new StringWriter();
        DlqCli.run(new String[] {"list", "--help"}, new PrintWriter(out), new PrintWriter(out), Map.of());
        assertThat(out.toString()).contains("KCAT_CONFIG");
    }
}
