package io.picturepipeline.endtoend.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.infra.DemoTokens;
import io.picturepipeline.infra.LocalS3;
import io.picturepipeline.launcher.LocalStack;
import io.picturepipeline.launcher.StackOptions;
import io.picturepipeline.launcher.StackSettings;
import io.picturepipeline.ops.DlqCli;
import io.picturepipeline.provider.local.Faults;
import io.picturepipeline.schemas.Access;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.StoredImage;
import io.picturepipeline.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production shape ({@code ./pp up --secure}), one stack for every test here: three brokers with SASL/SCRAM and
 * the ACLs of {@link Access}, each service with its own Kafka principal, PostgreSQL role and image store key pair
 * (S3Proxy), outside the {@code local} profile. The pipeline works end to end with exactly those rights (a cancel
 * reaches the provider through the stages' lifecycle grants; ops replays and resolves in its transactional id; the
 * image lands in the bucket and is served from there), and nothing beyond them is allowed.
 */
class SecureStackEndToEndTest {

    private static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** PostgreSQL's SQLSTATE for a failed password authentication. */
    private static final String INVALID_PASSWORD = "28P01";

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    static Path dataDir;

    private static LocalStack stack;
    private static String token;

    @BeforeAll
    static void startTheSecureStack() {
        Path projectRoot = Path.of("").toAbsolutePath().getParent();
        stack = LocalStack.start(
                StackSettings.isolated(projectRoot, dataDir.resolve("data"), Duration.ofMillis(800)),
                // one-second backoff tiers: what is shown here is the ops principal's rights, not the retry policy's
                // timing
                StackOptions.secureDefaults()
                        .withProperties("generation-consumer", "pipeline.retry.tier-delays=1s,1s,1s"),
                line -> System.out.println(LocalTime.now() + " [secure stack] " + line));
        token = DemoTokens.mint(stack.secure().jwtSecret(), "secure-" + UUID.randomUUID(), Duration.ofHours(1));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aGenerationCompletesWithEveryServiceOnItsOwnCredentialsAndItsImageIsInTheObjectStore() throws Exception {
        String id = submit("a lighthouse at dawn, secured");

        await("completed").atMost(PIPELINE_TIMEOUT).until(() -> "completed".equals(status(id)));
        byte[] stored;
        try (S3Client ops = s3Client(Access.OPS_CLI)) {
            stored = ops.getObjectAsBytes(
                            get -> get.bucket(LocalStack.IMAGE_BUCKET).key(id + "/0.png"))
                    .asByteArray();
        }
        HttpResponse<byte[]> served = HTTP.send(
                request("/api/v1/generations/" + id + "/images/0").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(stored).as("a PNG in the bucket").startsWith(PNG_SIGNATURE);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body())
                .as("what the ingest-api serves is the stored object")
                .isEqualTo(stored);
    }

    @Test
    void theIngestApisKeyMayReadTheImageStoreButNotWriteIt() {
        String key = UUID.randomUUID() + "/0.png";
        try (S3Client ingest = s3Client(Access.INGEST_API)) {
            assertThat(ingest.listObjectsV2(
                                    list -> list.bucket(LocalStack.IMAGE_BUCKET).maxKeys(1))
                            .sdkHttpResponse()
                            .isSuccessful())
                    .isTrue();
            assertThatThrownBy(() -> ingest.putObject(
                            put -> put.bucket(LocalStack.IMAGE_BUCKET).key(key), RequestBody.fromBytes(PNG_SIGNATURE)))
                    .isInstanceOf(S3Exception.class);
        }
        assertThat(stack.s3().objectFile(LocalStack.IMAGE_BUCKET, key)).doesNotExist();
    }

    @Test
    void aForgedCompletionCannotMakeTheApiServeAnotherGenerationsImage() throws Exception {
        String victims = submit("a private portrait");
        await("completed").atMost(PIPELINE_TIMEOUT).until(() -> "completed".equals(status(victims)));
        assertThat(stack.s3().objectFile(LocalStack.IMAGE_BUCKET, victims + "/0.png"))
                .exists();
        String forger = DemoTokens.mint(stack.secure().jwtSecret(), "forger-" + UUID.randomUUID(), Duration.ofHours(1));
        String forgers = submit("anything at all [latency:PT120S]", forger);
        await("processing").atMost(PIPELINE_TIMEOUT).until(() -> "processing".equals(status(forgers, forger)));
        StoredImage victimsImage = new StoredImage(0, victims + "/0.png", "image/png", 1, null, null);
        UUID forged = UUID.fromString(forgers);

        // what a stolen stage credential could write onto pipeline.lifecycle: the forger's generation completed, its
        // image 0 said to be the victim's object
        try (KafkaProducer<String, byte[]> download = producer(Access.DOWNLOAD_CONSUMER)) {
            for (PipelineEvent event : List.of(
                    ImagesGenerated.of(forged, Instant.now(), "forger", "forged", List.of("http://x/0.png"), 8, 8),
                    GenerationCompleted.of(forged, Instant.now(), List.of(victimsImage)))) {
                download.send(new ProducerRecord<>(Topics.LIFECYCLE, forgers, new EventCodec().encode(event)))
                        .get();
            }
        }
        await("the forged completion projected")
                .atMost(PIPELINE_TIMEOUT)
                .until(() -> "completed".equals(status(forgers, forger)));

        HttpResponse<byte[]> image = HTTP.send(
                request("/api/v1/generations/" + forgers + "/images/0", forger)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode())
                .as("the key comes from the forger's own generation id")
                .isEqualTo(404);
        assertThat(image.body())
                .isNotEqualTo(Files.readAllBytes(stack.s3().objectFile(LocalStack.IMAGE_BUCKET, victims + "/0.png")));
    }

    @Test
    void anOwnersCancelReachesTheProvider() throws Exception {
        long cancelsBefore = stack.provider().stats().cancels();
        String id = submit("a slow kite [latency:PT60S]");
        await("processing").atMost(PIPELINE_TIMEOUT).until(() -> "processing".equals(status(id)));

        HttpResponse<String> cancel =
                HTTP.send(request("/api/v1/generations/" + id).DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        await("the provider's prediction cancelled")
                .atMost(PIPELINE_TIMEOUT)
                .until(() -> stack.provider().stats().cancels() > cancelsBefore);
        await("cancelled").atMost(PIPELINE_TIMEOUT).until(() -> "cancelled".equals(status(id)));
    }

    @Test
    void opsReplaysAndResolvesDeadLettersWithItsOwnPrincipal() throws Exception {
        stack.provider().faults(Faults.none().withErrorRate(503, 1.0));
        String replayed;
        String resolved;
        try {
            replayed = submit("a lighthouse in a storm, to replay");
            resolved = submit("a lighthouse in a storm, to resolve");
            for (String id : List.of(replayed, resolved)) {
                await("dead-lettered: " + id)
                        .atMost(DEAD_LETTER_TIMEOUT)
                        .pollInterval(Duration.ofSeconds(2))
                        .until(() -> dlq("list", "--generation", id).exitCode() == 0);
            }
        } finally {
            stack.provider().resetFaults();
        }

        // the cluster's first transaction makes __transaction_state (50 partitions, 3 replicas) before InitProducerId
        // answers: the CLI's default 10 s ran out at a load average near 30 on 2 cores (2026-12-03)
        Cli replay = dlq("replay", "--generation", replayed, "--reason", "provider is back", "--timeout", "60s");
        Cli resolve = dlq("resolve", "--generation", resolved, "--reason", "not worth a retry", "--timeout", "60s");

        assertThat(replay.exitCode()).as(replay.output()).isZero();
        assertThat(resolve.exitCode()).as(resolve.output()).isZero();
        await("replayed and completed").atMost(PIPELINE_TIMEOUT).until(() -> "completed".equals(status(replayed)));
        await("resolved and failed").atMost(PIPELINE_TIMEOUT).until(() -> "failed".equals(status(resolved)));
    }

    @Test
    void aServicePrincipalIsRefusedAnotherServicesTopic() {
        try (KafkaProducer<String, byte[]> ingest = producer(Access.INGEST_API)) {
            assertThatThrownBy(() -> ingest.send(new ProducerRecord<>(Topics.DOWNLOAD, "k", new byte[0]))
                            .get())
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, byte[]> projection = consumer(Access.PROJECTION, null)) {
            projection.assign(List.of(new TopicPartition(Topics.GENERATE, 0)));
            assertThatThrownBy(() -> projection.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aServicePrincipalIsRefusedAnotherServicesGroup() {
        try (KafkaConsumer<String, byte[]> download = consumer(Access.DOWNLOAD_CONSUMER, Access.GENERATION_CONSUMER)) {
            download.subscribe(List.of(Topics.LIFECYCLE));
            assertThatThrownBy(() -> download.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void aClientWithoutTheRightPasswordIsNotLetIn() {
        Map<String, Object> config = clientConfig(Access.OPS_CLI);
        config.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ops-cli\""
                        + " password=\"not-the-password\";");
        try (KafkaConsumer<String, byte[]> stranger =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            stranger.assign(List.of(new TopicPartition(Topics.deadLetter(Topics.GENERATE), 0)));
            assertThatThrownBy(() -> stranger.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aServiceRoleIsRefusedAnotherServicesSchema() throws Exception {
        try (Connection ingest = database("ingest")) {
            assertThat(ingest.createStatement()
                            .executeQuery("select count(*) from projection.generation_v1")
                            .next())
                    .as("the read model the API serves, as the projection publishes it")
                    .isTrue();
            assertThatThrownBy(() -> ingest.createStatement().executeQuery("select * from projection.generation"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied for table generation");
            assertThatThrownBy(() -> ingest.createStatement().executeQuery("select * from generation.prediction"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied for schema generation");
            assertThatThrownBy(() -> ingest.createStatement().executeQuery("select * from projection.dead_letter"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied for table dead_letter");
        }
        try (Connection download = database("download")) {
            assertThatThrownBy(() -> download.createStatement().executeQuery("select * from ingest.outbox"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied for schema ingest");
        }
    }

    /**
     * Before the secure stack gave PostgreSQL's superuser a password of its own, {@code postgres}/{@code postgres}
     * (documented for the plain stack) let anyone on the machine in as the superuser, and so did any password: the
     * embedded server trusted every loopback client.
     */
    @Test
    void theDatabaseRefusesTheDocumentedSuperuserPasswordAndAWrongRolePassword() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + stack.settings().postgresPort() + "/" + StackSettings.DATABASE;
        assertThatThrownBy(() ->
                        DriverManager.getConnection(url, "postgres", "postgres").close())
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INVALID_PASSWORD));
        assertThatThrownBy(() -> DriverManager.getConnection(url, "ingest", "not-the-password")
                        .close())
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INVALID_PASSWORD));
        try (Connection superuser =
                DriverManager.getConnection(url, "postgres", stack.secure().superuserPassword())) {
            assertThat(superuser.isValid(5))
                    .as("the stack's own superuser password")
                    .isTrue();
        }
    }

    /** A client of the image store with {@code principal}'s own key pair. */
    private static S3Client s3Client(String principal) {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(stack.s3().endpoint()))
                .region(Region.of(LocalS3.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(principal, stack.secure().storageSecretKey(principal))))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    private static Connection database(String role) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + stack.settings().postgresPort() + "/" + StackSettings.DATABASE,
                role,
                stack.secure().databasePassword(role));
    }

    record Cli(int exitCode, String output) {}

    /** The ops CLI in this JVM, configured only by {@code KCAT_CONFIG} as {@code .local/env} sets it. */
    private static Cli dlq(String... args) {
        StringWriter out = new StringWriter();
        int exitCode = DlqCli.run(
                args,
                new PrintWriter(out, true),
                new PrintWriter(out, true),
                Map.of(
                        "KCAT_CONFIG",
                        stack.secure().directory().resolve("ops-cli.properties").toString(),
                        "USER",
                        "secure-test"));
        return new Cli(exitCode, out.toString());
    }

    private static String submit(String prompt) throws Exception {
        return submit(prompt, token);
    }

    private static String submit(String prompt, String bearer) throws Exception {
        HttpResponse<String> accepted = HTTP.send(
                request("/api/v1/generations", bearer)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"prompt\": \"" + prompt + "\", \"model\": \"black-forest-labs/flux-schnell\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(accepted.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private static String status(String id) throws Exception {
        return status(id, token);
    }

    private static String status(String id, String bearer) throws Exception {
        HttpResponse<String> response = HTTP.send(
                request("/api/v1/generations/" + id, bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200
                ? JSON.readTree(response.body()).path("status").asString()
                : "HTTP " + response.statusCode();
    }

    private static HttpRequest.Builder request(String path) {
        return request(path, token);
    }

    private static HttpRequest.Builder request(String path, String bearer) {
        return HttpRequest.newBuilder(URI.create(stack.settings().apiUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + bearer);
    }

    private static Map<String, Object> clientConfig(String principal) {
        Map<String, Object> config = new HashMap<>(stack.secure().clientProperties(principal));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return config;
    }

    private static KafkaProducer<String, byte[]> producer(String principal) {
        Map<String, Object> config = clientConfig(principal);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(String principal, String group) {
        Map<String, Object> config = clientConfig(principal);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
