package io.picturepipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfrastructureTest {

    @Test
    void theBrokerKeepsItsTopicsAndRecordsAcrossARestart(@TempDir Path dir) throws Exception {
        try (LocalKafka kafka = LocalKafka.start(dir, 0)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("probe", 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            try (var producer = new KafkaProducer<>(
                    Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                    new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("probe", "k", "before restart"))
                        .get(30, TimeUnit.SECONDS);
            }

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.start();

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("probe");
            }
            try (var consumer = new KafkaConsumer<>(
                    Map.<String, Object>of(
                            "bootstrap.servers", kafka.bootstrapServers(),
                            "group.id", "probe",
                            "auto.offset.reset", "earliest"),
                    new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(Set.of("probe"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (records.isEmpty() && System.nanoTime() < deadline) {
                    records = consumer.poll(Duration.ofMillis(500));
                }
                assertThat(records).extracting(r -> r.value()).containsExactly("before restart");
            }
        }
    }

    @Test
    void postgresKeepsItsDataAcrossARestart(@TempDir Path dir) throws Exception {
        int port;
        try (LocalPostgres postgres = LocalPostgres.start(dir, 0)) {
            port = postgres.port();
            postgres.ensureDatabase("probe");
            try (Connection connection = postgres.connect("probe")) {
                connection.createStatement().execute("create table kept (v text)");
                connection.createStatement().execute("insert into kept values ('still here')");
            }
            assertThat(postgres.libpqUrl("probe"))
                    .isEqualTo("postgresql://postgres:postgres@127.0.0.1:" + port + "/probe");
        }
        try (LocalPostgres postgres = LocalPostgres.start(dir, port);
                Connection connection = postgres.connect("probe");
                var rows = connection.createStatement().executeQuery("select v from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void postgresCommitsWaitForTheDisk(@TempDir Path dir) throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(dir, 0);
                Connection connection = postgres.connect("postgres")) {
            assertThat(setting(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(connection, "fsync")).isEqualTo("on");
            assertThat(setting(connection, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void aKilledPostgresLosesNoCommittedRowAndRecoversOnTheSameDirectory(@TempDir Path dir) throws Exception {
        int port;
        List<Long> killed;
        try (LocalPostgres postgres = LocalPostgres.start(dir, 0)) {
            port = postgres.port();
            try (Connection connection = postgres.connect("postgres")) {
                connection.createStatement().execute("create table acknowledged (n int)");
                for (int n = 0; n < 50; n++) {
                    connection.createStatement().execute("insert into acknowledged values (" + n + ")");
                }
                // a backend is running when the server dies
                killed = postgres.kill();
            }
            assertThat(killed).hasSizeGreaterThan(1);
            await("every PostgreSQL process gone")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> killed.stream().noneMatch(EmbeddedInfrastructureTest::running));
        }
        try (LocalPostgres postgres = LocalPostgres.start(dir, port);
                Connection connection = postgres.connect("postgres");
                var rows = connection.createStatement().executeQuery("select count(*) from acknowledged")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(50);
        }
    }

    /** Alive and not a zombie waiting to be reaped. */
    private static boolean running(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    private static String setting(Connection connection, String name) throws Exception {
        try (var rows = connection.createStatement().executeQuery("show " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void theBrokerLogGoesToItsDataDirectory(@TempDir Path dir) throws Exception {
        try (LocalKafka kafka = LocalKafka.start(dir, 0)) {
            assertThat(java.nio.file.Files.readString(kafka.logFile(), StandardCharsets.UTF_8))
                    .contains("Kafka Server started");
        }
    }
}
