package io.picturepipeline.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The structure of {@code compose/docker-compose.yml}: no Docker engine runs on the machines this is built on, so
 * this test (with {@link ServiceEnvironmentTest}, {@link KafkaProvisioningTest} and {@link DatabaseProvisioningTest})
 * is what checks the deployment.
 */
class ComposeFileTest {

    static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
    static final List<String> PIPELINE_SERVICES =
            List.of("ingest-api", "generation-consumer", "download-consumer", "projection");
    static final Set<String> CONDITIONS = Set.of("service_healthy", "service_completed_successfully");

    private final ComposeFile compose = ComposeFile.main();

    @Test
    void hasEveryServiceOfTheDeployment() {
        assertThat(compose.services().keySet())
                .containsExactlyInAnyOrder(
                        "kafka-1",
                        "kafka-2",
                        "kafka-3",
                        "kafka-init",
                        "postgres",
                        "postgres-grants",
                        "s3",
                        "local-provider",
                        "ingest-api",
                        "generation-consumer",
                        "download-consumer",
                        "projection",
                        "prometheus",
                        "grafana");
    }

    @Test
    void everyLongRunningServiceHasAHealthcheckAndRestarts() {
        Set<String> oneShots = oneShotServices();
        assertThat(oneShots).containsExactly("kafka-init", "postgres-grants");
        for (String name : compose.services().keySet()) {
            Map<String, Object> service = compose.service(name);
            if (oneShots.contains(name)) {
                assertThat(service.get("restart")).as(name).isEqualTo("no");
                continue;
            }
            assertThat(service).as(name + " needs a healthcheck").containsKey("healthcheck");
            Map<String, Object> healthcheck = ComposeFile.map(service.get("healthcheck"), name + ".healthcheck");
            assertThat(healthcheck.get("disable")).as(name).isNotEqualTo(true);
            List<Object> test = ComposeFile.list(healthcheck.get("test"), name + ".healthcheck.test");
            assertThat(test).as(name).isNotEmpty();
            assertThat(test.get(0)).as(name).isIn("CMD", "CMD-SHELL");
            assertThat(healthcheck).as(name).containsKeys("interval", "timeout", "retries");
            assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
        }
    }

    @Test
    void everyDependencyWaitsForACondition() {
        Set<String> oneShots = oneShotServices();
        for (String name : compose.services().keySet()) {
            Object dependsOn = compose.service(name).get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            Map<String, Object> dependencies =
                    ComposeFile.map(dependsOn, name + ".depends_on (the short list form has no condition)");
            dependencies.forEach((dependency, settings) -> {
                assertThat(compose.services())
                        .as(name + " depends on " + dependency)
                        .containsKey(dependency);
                String condition = ComposeFile.stringOf(
                        ComposeFile.map(settings, name + " -> " + dependency).get("condition"));
                assertThat(condition).as(name + " -> " + dependency).isIn(CONDITIONS);
                if (condition.equals("service_healthy")) {
                    assertThat(compose.service(dependency)).as(dependency).containsKey("healthcheck");
                } else {
                    assertThat(oneShots).as(dependency).contains(dependency);
                }
            });
        }
    }

    @Test
    void pipelineServicesStartAfterTheDatabaseAndTheKafkaProvisioning() {
        for (String name : PIPELINE_SERVICES) {
            Map<String, Object> dependencies =
                    ComposeFile.map(compose.service(name).get("depends_on"), name);
            assertThat(ComposeFile.map(dependencies.get("postgres"), name).get("condition"))
                    .isEqualTo("service_healthy");
            assertThat(ComposeFile.map(dependencies.get("kafka-init"), name).get("condition"))
                    .isEqualTo("service_completed_successfully");
        }
        Map<String, Object> initDependencies =
                ComposeFile.map(compose.service("kafka-init").get("depends_on"), "kafka-init");
        assertThat(initDependencies.keySet()).containsExactlyInAnyOrderElementsOf(BROKERS);
        assertThat(ComposeFile.map(compose.service("generation-consumer").get("depends_on"), "generation-consumer"))
                .containsKey("local-provider");
    }

    @Test
    void brokersFormOneDurableThreeNodeKraftCluster() {
        Set<String> nodeIds = new HashSet<>();
        for (String broker : BROKERS) {
            Map<String, Object> service = compose.service(broker);
            assertThat(String.valueOf(service.get("image"))).as(broker).startsWith("apache/kafka:");
            assertThat(service.get("hostname")).isEqualTo(broker);
            Map<String, String> env = compose.resolvedEnvironment(broker);
            assertThat(env)
                    .as(broker)
                    .containsEntry("KAFKA_CFG_PROCESS_ROLES", "broker,controller")
                    .containsEntry("KAFKA_CFG_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .containsEntry("KAFKA_CFG_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_CFG_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_CFG_UNCLEAN_LEADER_ELECTION_ENABLE", "false")
                    .containsEntry("KAFKA_CFG_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .containsEntry("KAFKA_CFG_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_CFG_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_CFG_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                    .containsEntry("KAFKA_CFG_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                    .containsEntry(
                            "KAFKA_CFG_AUTHORIZER_CLASS_NAME",
                            "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            String nodeId = env.get("KAFKA_CFG_NODE_ID");
            assertThat(nodeIds.add(nodeId)).as("node ids are unique").isTrue();
            assertThat(env.get("KAFKA_CFG_CONTROLLER_QUORUM_VOTERS")).contains(nodeId + "@" + broker + ":9093");
            assertThat(env.get("KAFKA_CFG_ADVERTISED_LISTENERS"))
                    .contains("INTERNAL://" + broker + ":9094", "CLIENT://" + broker + ":9092");
            assertThat(env.get("KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP")).doesNotContain(":PLAINTEXT");
            assertThat(ComposeFile.list(service.get("volumes"), broker)).contains(broker + "-data:/var/lib/kafka/data");
        }
        assertThat(nodeIds).containsExactlyInAnyOrder("1", "2", "3");
    }

    @Test
    void externalKafkaPortsMatchWhatTheBrokersAdvertise() {
        Pattern external = Pattern.compile("EXTERNAL://localhost:(\\d+)");
        for (String broker : BROKERS) {
            Matcher matcher =
                    external.matcher(compose.resolvedEnvironment(broker).get("KAFKA_CFG_ADVERTISED_LISTENERS"));
            assertThat(matcher.find()).as(broker).isTrue();
            assertThat(ComposeFile.list(compose.service(broker).get("ports"), broker))
                    .containsExactly("127.0.0.1:" + matcher.group(1) + ":19092");
        }
    }

    @Test
    void noServiceRunsTheLocalProfile() {
        for (String name : compose.services().keySet()) {
            Map<String, String> env = compose.resolvedEnvironment(name);
            env.forEach((key, value) -> {
                if (key.startsWith("SPRING_PROFILES")) {
                    assertThat(value).as(name + " " + key).doesNotContainIgnoringCase("local");
                }
                if (key.equals("JAVA_TOOL_OPTIONS") || key.equals("JAVA_OPTS")) {
                    assertThat(value).as(name + " " + key).doesNotContain("spring.profiles");
                }
            });
            Map<String, Object> service = compose.service(name);
            for (String key : List.of("command", "entrypoint")) {
                assertThat(String.valueOf(service.get(key)))
                        .as(name + " " + key)
                        .doesNotContain("spring.profiles");
            }
        }
        assertThat(Repo.read(Repo.root("Dockerfile")))
                .doesNotContain("spring.profiles")
                .doesNotContain("SPRING_PROFILES");
    }

    @Test
    void everyVariableUsedIsDeclaredInTheEnvExample() {
        Map<String, String> example = EnvFile.example();
        Set<String> used = new TreeSet<>();
        for (ComposeFile file : List.of(compose, ComposeFile.jwtIssuerOverride())) {
            Set<String> variables = Interpolation.variables(file.text());
            assertThat(example.keySet()).as(file.path() + " uses").containsAll(variables);
            used.addAll(variables);
        }
        assertThat(used).as("declared in .env.example but used nowhere").containsAll(example.keySet());
    }

    @Test
    void secretsAreRequiredNotDefaulted() {
        Matcher reference = Interpolation.REFERENCE.matcher(
                compose.text() + ComposeFile.jwtIssuerOverride().text());
        while (reference.find()) {
            String name = reference.group(1);
            if (name.contains("PASSWORD") || name.contains("SECRET") || name.contains("TOKEN")) {
                assertThat(reference.group(2)).as(reference.group()).isEqualTo(":?");
            }
        }
        // and the compose file resolves once the example's secrets are filled in (every other variable has a value)
        for (String name : compose.services().keySet()) {
            compose.resolvedEnvironment(name);
        }
    }

    /** Copying the example as it is gives no usable secret: compose refuses to start, naming what to set. */
    @Test
    void theEnvExampleHoldsNoUsableSecretSoComposeRefusesToStartWithIt() {
        Map<String, String> example = EnvFile.example();
        example.forEach((name, value) -> {
            if (EnvFile.isSecret(name)) {
                assertThat(value).as(name + " in .env.example").isEmpty();
            }
        });
        Map<String, String> ingest = compose.environment("ingest-api");
        assertThatThrownBy(() -> Interpolation.resolve(ingest.get("PIPELINE_INGEST_AUTH_HMAC_SECRET"), example))
                .hasMessageContaining("JWT_SECRET")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void envFileItselfIsIgnoredByGit() throws Exception {
        assertThat(Files.readAllLines(Repo.compose(".gitignore"))).contains(".env");
    }

    @Test
    void imagesLiveInTheS3ServiceWhichTheDownloadStageWritesAndTheApiReadsThroughTheS3Api() {
        assertThat(ComposeFile.list(compose.service("s3").get("volumes"), "s3")).containsExactly("images:/data");
        Map<String, String> s3 = compose.resolvedEnvironment("s3");
        assertThat(s3)
                .containsEntry("JCLOUDS_PROVIDER", "filesystem")
                .containsEntry("JCLOUDS_FILESYSTEM_BASEDIR", "/data");
        for (String name : List.of("download-consumer", "ingest-api")) {
            assertThat(compose.service(name))
                    .as(name + " shares no volume with the other")
                    .doesNotContainKey("volumes");
            Map<String, String> env = compose.resolvedEnvironment(name);
            assertThat(env)
                    .as(name)
                    .containsEntry("PIPELINE_STORAGE_TYPE", "s3")
                    .containsEntry("PIPELINE_STORAGE_S3_ENDPOINT", "http://s3:8080")
                    .containsEntry("PIPELINE_STORAGE_S3_PATH_STYLE", "true")
                    .containsEntry("PIPELINE_STORAGE_S3_BUCKET", s3.get("S3_BUCKET"))
                    .containsEntry("PIPELINE_STORAGE_S3_ACCESS_KEY", s3.get("S3PROXY_IDENTITY"))
                    .containsEntry("PIPELINE_STORAGE_S3_SECRET_KEY", s3.get("S3PROXY_CREDENTIAL"));
            assertThat(ComposeFile.map(
                                    ComposeFile.map(compose.service(name).get("depends_on"), name)
                                            .get("s3"),
                                    name)
                            .get("condition"))
                    .isEqualTo("service_healthy");
        }
        assertThat(ComposeFile.map(compose.root().get("volumes"), "volumes"))
                .containsKeys("images", "postgres-data", "kafka-1-data", "kafka-2-data", "kafka-3-data");
    }

    @Test
    void postgresHoldsThePictureDatabaseOnAVolume() {
        Map<String, Object> postgres = compose.service("postgres");
        assertThat(String.valueOf(postgres.get("image"))).isEqualTo("postgres:17");
        assertThat(compose.resolvedEnvironment("postgres")).containsEntry("POSTGRES_DB", "picture");
        assertThat(ComposeFile.list(postgres.get("volumes"), "postgres"))
                .containsExactly(
                        "postgres-data:/var/lib/postgresql/data",
                        "./postgres/init-roles.sh:/docker-entrypoint-initdb.d/10-roles.sh:ro");
        assertThat(String.valueOf(
                        ComposeFile.map(postgres.get("healthcheck"), "postgres").get("test")))
                .contains("pg_isready");
        for (String name : PIPELINE_SERVICES) {
            assertThat(compose.resolvedEnvironment(name))
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/picture");
        }
    }

    @Test
    void servicesAreBuiltFromThisRepositoryWithTheRootDockerfile() {
        for (String name : PIPELINE_SERVICES) {
            Map<String, Object> build = ComposeFile.map(compose.service(name).get("build"), name + ".build");
            assertThat(build).as(name).containsEntry("context", "..").containsEntry("dockerfile", "Dockerfile");
            assertThat(build).as(name).containsEntry("target", "service");
            assertThat(ComposeFile.map(build.get("args"), name + ".build.args")).containsEntry("MODULE", name);
            String pom = Repo.read(Repo.root(name + "/pom.xml"));
            assertThat(pom).as(name + " repackages").contains("<artifactId>spring-boot-maven-plugin</artifactId>");
            assertThat(pom + Repo.read(Repo.root("pom.xml")))
                    .as(name + " builds an -exec jar (classifier in the module or the parent)")
                    .contains("<classifier>exec</classifier>");
        }
        Map<String, Object> provider =
                ComposeFile.map(compose.service("local-provider").get("build"), "local-provider");
        assertThat(provider).containsEntry("context", "..").containsEntry("target", "local-provider");
    }

    @Test
    void healthchecksAndPrometheusTargetsUseEachServicesActuatorPort() {
        String prometheus = Repo.read(Repo.compose("prometheus/prometheus.yml"));
        for (String name : PIPELINE_SERVICES) {
            // the management port where a service has one (the actuators are not on its public port), else its port
            Map<String, String> environment = compose.resolvedEnvironment(name);
            String port = environment.getOrDefault("MANAGEMENT_SERVER_PORT", environment.get("SERVER_PORT"));
            assertThat(port).as(name).isNotNull();
            List<Object> test = ComposeFile.list(
                    ComposeFile.map(compose.service(name).get("healthcheck"), name)
                            .get("test"),
                    name);
            assertThat(test).as(name).containsExactly("CMD", "http-check", port, "/actuator/health/readiness");
            assertThat(prometheus)
                    .as(name)
                    .containsPattern("names: \\[\"" + name + "\"]\\s+type: A\\s+(#[^\\n]*\\s+)?port: " + port);
        }
    }

    private Set<String> oneShotServices() {
        Set<String> oneShots = new TreeSet<>();
        for (String name : compose.services().keySet()) {
            Object dependsOn = compose.service(name).get("depends_on");
            if (dependsOn instanceof Map<?, ?> dependencies) {
                dependencies.forEach((dependency, settings) -> {
                    if (settings instanceof Map<?, ?> map
                            && "service_completed_successfully".equals(map.get("condition"))) {
                        oneShots.add(String.valueOf(dependency));
                    }
                });
            }
        }
        return oneShots;
    }
}
