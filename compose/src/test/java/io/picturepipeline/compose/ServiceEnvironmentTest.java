package io.picturepipeline.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each service's environment in the compose file maps onto settings the service understands. Three checks per
 * variable: it is in the expected map written here (nothing more, nothing less); Spring Boot's own binder, fed the
 * variable as an OS environment, binds it to the expected property; and that property exists: in Spring Boot's
 * configuration metadata (the jars on this test's classpath), in the service's {@code <service>.yml}, or as a
 * component of the module's {@code @ConfigurationProperties} record.
 */
class ServiceEnvironmentTest {

    /** An environment variable and the Spring property it must bind to. */
    record Binding(String variable, String property) {}

    static final List<Binding> COMMON = List.of(
            new Binding("SPRING_KAFKA_BOOTSTRAP_SERVERS", "spring.kafka.bootstrap-servers"),
            new Binding("SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "spring.kafka.properties[security.protocol]"),
            new Binding("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "spring.kafka.properties[sasl.mechanism]"),
            new Binding("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "spring.kafka.properties[sasl.jaas.config]"),
            new Binding("SPRING_KAFKA_ADMIN_AUTO_CREATE", "spring.kafka.admin.auto-create"),
            new Binding("SPRING_DATASOURCE_URL", "spring.datasource.url"),
            new Binding("SPRING_DATASOURCE_USERNAME", "spring.datasource.username"),
            new Binding("SPRING_DATASOURCE_PASSWORD", "spring.datasource.password"),
            new Binding("PIPELINE_KAFKA_REPLICATION_FACTOR", "pipeline.kafka.replication-factor"),
            new Binding("PIPELINE_KAFKA_MIN_INSYNC_REPLICAS", "pipeline.kafka.min-insync-replicas"),
            new Binding("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "management.endpoint.health.probes.enabled"),
            new Binding("MANAGEMENT_METRICS_TAGS_APPLICATION", "management.metrics.tags[application]"),
            new Binding("SERVER_PORT", "server.port"),
            new Binding("SERVER_ADDRESS", "server.address"));

    /** The image store, alike for its writer and its reader (image-store's StorageSettings). */
    static final List<Binding> STORAGE = List.of(
            new Binding("PIPELINE_STORAGE_TYPE", "pipeline.storage.type"),
            new Binding("PIPELINE_STORAGE_S3_ENDPOINT", "pipeline.storage.s3.endpoint"),
            new Binding("PIPELINE_STORAGE_S3_REGION", "pipeline.storage.s3.region"),
            new Binding("PIPELINE_STORAGE_S3_BUCKET", "pipeline.storage.s3.bucket"),
            new Binding("PIPELINE_STORAGE_S3_PATH_STYLE", "pipeline.storage.s3.path-style"),
            new Binding("PIPELINE_STORAGE_S3_ACCESS_KEY", "pipeline.storage.s3.access-key"),
            new Binding("PIPELINE_STORAGE_S3_SECRET_KEY", "pipeline.storage.s3.secret-key"));

    static final Map<String, List<Binding>> EXPECTED = Map.of(
            "ingest-api",
            with(
                    with(COMMON, STORAGE.toArray(Binding[]::new)),
                    new Binding("MANAGEMENT_SERVER_PORT", "management.server.port"),
                    new Binding("MANAGEMENT_SERVER_ADDRESS", "management.server.address"),
                    new Binding("PIPELINE_INGEST_AUTH_MODE", "pipeline.ingest.auth.mode"),
                    new Binding("PIPELINE_INGEST_AUTH_HMAC_SECRET", "pipeline.ingest.auth.hmac-secret"),
                    new Binding("PIPELINE_INGEST_AUTH_ISSUER", "pipeline.ingest.auth.issuer"),
                    new Binding("PIPELINE_INGEST_AUTH_AUDIENCE", "pipeline.ingest.auth.audience")),
            "generation-consumer",
            with(
                    COMMON,
                    new Binding("MANAGEMENT_SERVER_PORT", "management.server.port"),
                    new Binding("MANAGEMENT_SERVER_ADDRESS", "management.server.address"),
                    new Binding("PIPELINE_GENERATION_REPLICATE_BASE_URL", "pipeline.generation.replicate.base-url"),
                    new Binding("PIPELINE_GENERATION_REPLICATE_API_TOKEN", "pipeline.generation.replicate.api-token")),
            "download-consumer",
            with(
                    with(COMMON, STORAGE.toArray(Binding[]::new)),
                    new Binding(
                            "PIPELINE_DOWNLOAD_TRUSTED_INTERNAL_HOSTS", "pipeline.download.trusted-internal-hosts")),
            "projection",
            COMMON);

    /** The production authentication override of the ingest-api (docker-compose.jwt-issuer.yml). */
    static final List<Binding> JWT_ISSUER_OVERRIDE = List.of(
            new Binding("PIPELINE_INGEST_AUTH_MODE", "pipeline.ingest.auth.mode"),
            new Binding("PIPELINE_INGEST_AUTH_ISSUER", "pipeline.ingest.auth.issuer"),
            new Binding(
                    "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri"));

    /** Where each module's own settings live (prefix -> the @ConfigurationProperties record). */
    static final Map<String, String> SETTINGS_SOURCES = Map.of(
            "pipeline.kafka", "retry-dlq/src/main/java/io/picturepipeline/retry/PipelineKafkaSettings.java",
            "pipeline.storage", "image-store/src/main/java/io/picturepipeline/storage/StorageSettings.java",
            "pipeline.ingest", "ingest-api/src/main/java/io/picturepipeline/ingest/IngestSettings.java",
            "pipeline.generation",
                    "generation-consumer/src/main/java/io/picturepipeline/generation/GenerationSettings.java",
            "pipeline.download", "download-consumer/src/main/java/io/picturepipeline/download/DownloadSettings.java",
            "pipeline.projection", "projection/src/main/java/io/picturepipeline/projection/ProjectionSettings.java");

    /** The local provider is no Spring application: its variables are the ones LocalProviderMain reads. */
    static final Set<String> LOCAL_PROVIDER_VARIABLES =
            Set.of("PROVIDER_PORT", "PROVIDER_BIND_ADDRESS", "PROVIDER_LATENCY", "PROVIDER_API_TOKEN");

    private static final Map<String, String> BOOT_PROPERTIES = bootMetadata();

    private final ComposeFile compose = ComposeFile.main();

    @Test
    void eachServiceSetsExactlyTheExpectedVariables() {
        EXPECTED.forEach(
                (service, bindings) -> assertThat(compose.environment(service).keySet())
                        .as(service)
                        .containsExactlyInAnyOrderElementsOf(
                                bindings.stream().map(Binding::variable).toList()));
        assertThat(ComposeFile.jwtIssuerOverride().environment("ingest-api").keySet())
                .containsExactlyInAnyOrderElementsOf(
                        JWT_ISSUER_OVERRIDE.stream().map(Binding::variable).toList());
    }

    @Test
    void springBootBindsEachVariableToItsProperty() {
        EXPECTED.forEach((service, bindings) -> {
            Map<String, String> env = compose.resolvedEnvironment(service);
            bindings.forEach(binding -> assertBinds(service, binding, env.get(binding.variable())));
        });
        JWT_ISSUER_OVERRIDE.forEach(binding -> assertBinds("jwt-issuer override", binding, "x"));
    }

    @Test
    void eachPropertyIsOneTheServiceUnderstands() {
        EXPECTED.forEach((service, bindings) -> {
            for (Binding binding : bindings) {
                assertThat(isKnown(service, binding.property()))
                        .as(
                                "%s: %s (from %s) is neither a Spring Boot property, in the service's <service>.yml, "
                                        + "nor a component of its settings record",
                                service, binding.property(), binding.variable())
                        .isTrue();
            }
        });
        JWT_ISSUER_OVERRIDE.forEach(binding -> assertThat(isKnown("ingest-api", binding.property()))
                .as(binding.property())
                .isTrue());
    }

    @Test
    void valuesFitTheDeployment() {
        String bootstrap = "kafka-1:9092,kafka-2:9092,kafka-3:9092";
        EXPECTED.keySet().forEach(service -> {
            Map<String, String> env = compose.resolvedEnvironment(service);
            assertThat(env)
                    .as(service)
                    .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap)
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("SPRING_KAFKA_ADMIN_AUTO_CREATE", "false")
                    .containsEntry("PIPELINE_KAFKA_REPLICATION_FACTOR", "3")
                    .containsEntry("PIPELINE_KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("MANAGEMENT_METRICS_TAGS_APPLICATION", service);
            assertThat(env.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
                    .as(service + " logs in as its own principal")
                    .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required ")
                    .contains("username=\"" + service + "\"")
                    .endsWith(";");
        });
        assertThat(compose.resolvedEnvironment("ingest-api").get("PIPELINE_INGEST_AUTH_MODE"))
                .isEqualTo("hmac");
        assertThat(ComposeFile.jwtIssuerOverride().environment("ingest-api"))
                .containsEntry("PIPELINE_INGEST_AUTH_MODE", "jwks");
        assertThat(Repo.read(Repo.root(SETTINGS_SOURCES.get("pipeline.ingest"))))
                .contains("HMAC", "JWKS");
        assertThat(compose.resolvedEnvironment("generation-consumer"))
                .containsEntry("PIPELINE_GENERATION_REPLICATE_BASE_URL", "http://local-provider:8090");
        assertThat(compose.resolvedEnvironment("download-consumer"))
                .containsEntry("PIPELINE_DOWNLOAD_TRUSTED_INTERNAL_HOSTS", "local-provider:8090");
    }

    @Test
    void anEmptyTrustedHostListBindsToNoHostForRealReplicate() {
        Binder binder = binder(Map.of("PIPELINE_DOWNLOAD_TRUSTED_INTERNAL_HOSTS", ""));
        List<String> hosts = binder.bind("pipeline.download.trusted-internal-hosts", Bindable.listOf(String.class))
                .orElse(List.of());
        assertThat(hosts).isEmpty();
    }

    @Test
    void theLocalProviderGetsOnlyVariablesItReads() {
        assertThat(compose.environment("local-provider").keySet())
                .containsExactlyInAnyOrderElementsOf(LOCAL_PROVIDER_VARIABLES);
        String main = Repo.read(
                Repo.root("local-provider/src/main/java/io/picturepipeline/provider/local/LocalProviderMain.java"));
        LOCAL_PROVIDER_VARIABLES.forEach(variable -> assertThat(main).contains("\"" + variable + "\""));
        assertThat(compose.resolvedEnvironment("local-provider")).containsEntry("PROVIDER_BIND_ADDRESS", "0.0.0.0");
    }

    private static void assertBinds(String service, Binding binding, String value) {
        assertThat(value).as(service + " " + binding.variable()).isNotNull();
        Binder binder = binder(Map.of(binding.variable(), value));
        String property = binding.property();
        int bracket = property.indexOf('[');
        if (bracket > 0) {
            String map = property.substring(0, bracket);
            String key = property.substring(bracket + 1, property.length() - 1);
            Map<String, String> bound =
                    binder.bind(map, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
            assertThat(bound)
                    .as("%s: %s binds to %s", service, binding.variable(), property)
                    .containsEntry(key, value);
        } else {
            assertThat(binder.bind(property, Bindable.of(String.class)).orElse(null))
                    .as("%s: %s binds to %s", service, binding.variable(), property)
                    .isEqualTo(value);
        }
    }

    private static Binder binder(Map<String, String> environment) {
        Map<String, Object> source = new HashMap<>(environment);
        return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source)));
    }

    private static boolean isKnown(String service, String property) {
        String name = property.contains("[") ? property.substring(0, property.indexOf('[')) : property;
        if (BOOT_PROPERTIES.containsKey(name)) {
            return true;
        }
        for (Map.Entry<String, String> entry : BOOT_PROPERTIES.entrySet()) {
            if (entry.getValue().startsWith("java.util.Map") && property.startsWith(entry.getKey() + "[")) {
                return true;
            }
        }
        Path yml = Repo.root(service + "/src/main/resources/" + service + ".yml");
        if (Files.exists(yml) && flatKeys(yml).contains(name)) {
            return true;
        }
        return isSettingsComponent(name);
    }

    /** pipeline.generation.replicate.base-url: GenerationSettings has a component replicate with a baseUrl. */
    private static boolean isSettingsComponent(String property) {
        for (Map.Entry<String, String> entry : SETTINGS_SOURCES.entrySet()) {
            if (!property.startsWith(entry.getKey() + ".")) {
                continue;
            }
            Path source = Repo.root(entry.getValue());
            if (!Files.exists(source)) {
                return false;
            }
            String code = Repo.read(source);
            for (String segment :
                    property.substring(entry.getKey().length() + 1).split("\\.")) {
                String component = camelCase(segment);
                if (!Pattern.compile("[\\w>]\\s+" + component + "\\s*[,)]")
                        .matcher(code)
                        .find()) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static String camelCase(String kebab) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /** Every key of a Spring YAML file (all documents), flattened with dots. */
    static Set<String> flatKeys(Path yml) {
        Set<String> keys = new TreeSet<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Repo.read(yml))) {
            if (document instanceof Map<?, ?> map) {
                flatten("", map, keys);
            }
        }
        return keys;
    }

    private static void flatten(String prefix, Map<?, ?> map, Set<String> keys) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            keys.add(name);
            if (value instanceof Map<?, ?> nested) {
                flatten(name, nested, keys);
            }
        });
    }

    /** Property name -> type, from every spring-configuration-metadata.json on the classpath. */
    private static Map<String, String> bootMetadata() {
        Map<String, String> properties = new LinkedHashMap<>();
        JsonMapper json = JsonMapper.builder().build();
        List<URL> files = new ArrayList<>();
        try {
            ClassLoader loader = ServiceEnvironmentTest.class.getClassLoader();
            for (String name : List.of(
                    "META-INF/spring-configuration-metadata.json",
                    "META-INF/additional-spring-configuration-metadata.json")) {
                files.addAll(Collections.list(loader.getResources(name)));
            }
            for (URL file : files) {
                try (InputStream in = file.openStream()) {
                    JsonNode properties1 = json.readTree(in).path("properties");
                    for (JsonNode property : properties1) {
                        properties.put(
                                property.path("name").asString(),
                                property.path("type").asString(""));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(properties)
                .as("Spring Boot metadata on the test classpath")
                .containsKeys("spring.kafka.bootstrap-servers", "spring.datasource.url", "server.port");
        return properties;
    }

    @SafeVarargs
    private static <T> List<T> with(List<T> common, T... more) {
        return Stream.concat(common.stream(), Stream.of(more)).toList();
    }
}
