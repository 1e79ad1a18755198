package io.picturepipeline.launcher;

import io.picturepipeline.infra.DemoTokens;
import io.picturepipeline.infra.FreePorts;
import io.picturepipeline.infra.KafkaSecurity;
import io.picturepipeline.infra.LocalS3;
import io.picturepipeline.infra.RequiredPasswords;
import io.picturepipeline.schemas.Access;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The secrets and the wiring of the secure stack ({@link StackOptions#secure()}): random passwords for the Kafka
 * super users, every principal of {@link Access}, PostgreSQL's superuser and every PostgreSQL role, a secret key per image store identity of
 * {@link Access#storageGrants()} (its access key id is the principal's name), and the JWT secret, made once per stack
 * and kept in {@code credentials.properties} (readable by its owner only); what each service is given to connect
 * with its own credentials (secrets in its environment, never on its command line); the ops principal's client
 * settings as a librdkafka properties file that {@code kcat -F} and {@code ./pp dlq} both read.
 */
public final class SecureStack {

    private static final String SUPERUSER = "postgres.superuser";

    private final Path directory;
    private final Map<String, String> secrets;

    private SecureStack(Path directory, Map<String, String> secrets) {
        this.directory = directory;
        this.secrets = Map.copyOf(secrets);
    }

    /** New random secrets for a stack whose files live in {@code directory}. */
    static SecureStack create(Path directory) {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String user : List.of("broker", "controller", "admin")) {
            secrets.put("kafka." + user, RequiredPasswords.random());
        }
        Access.PRINCIPALS.forEach(principal -> secrets.put("kafka." + principal, RequiredPasswords.random()));
        secrets.put(SUPERUSER, RequiredPasswords.random());
        Access.databaseRoles().forEach(role -> secrets.put("postgres." + role.role(), RequiredPasswords.random()));
        secrets.put("postgres." + Access.ANALYST_ROLE, RequiredPasswords.random());
        Access.storageGrants().forEach(grant -> secrets.put("s3." + grant.principal(), RequiredPasswords.random()));
        secrets.put("jwt", RequiredPasswords.random() + RequiredPasswords.random());
        SecureStack stack = new SecureStack(directory, secrets);
        stack.writePrivate(
                "credentials.properties",
                secrets.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n", "# the secrets of this secure stack\n", "\n")));
        return stack;
    }

    KafkaSecurity kafkaSecurity() {
        return new KafkaSecurity(
                secrets.get("kafka.broker"), secrets.get("kafka.controller"), secrets.get("kafka.admin"));
    }

    /** Principal → SCRAM password, for {@code KafkaAccess.apply}. */
    Map<String, String> kafkaPasswords() {
        Map<String, String> passwords = new LinkedHashMap<>();
        Access.PRINCIPALS.forEach(principal -> passwords.put(principal, secrets.get("kafka." + principal)));
        return passwords;
    }

    /** Role → password, the services' roles and the analyst's, for {@code DatabaseAccess.prepare}. */
    Map<String, String> databasePasswords() {
        Map<String, String> passwords = new LinkedHashMap<>();
        Access.databaseRoles().forEach(role -> passwords.put(role.role(), secrets.get("postgres." + role.role())));
        passwords.put(Access.ANALYST_ROLE, analystPassword());
        return passwords;
    }

    /** The image store's key pairs, read-only but for the writer's, for {@code LocalS3.start}. */
    List<LocalS3.Identity> storageIdentities() {
        return Access.storageGrants().stream()
                .map(grant -> new LocalS3.Identity(
                        grant.principal(),
                        storageSecretKey(grant.principal()),
                        grant.access() == Access.StorageAccess.READ))
                .toList();
    }

    /** The secret key of {@code principal}'s image store identity; its access key id is the principal's name. */
    public String storageSecretKey(String principal) {
        return secrets.get("s3." + Access.storageGrant(principal).principal());
    }

    /** The password of PostgreSQL's superuser {@code postgres}: the launcher's, for roles, schemas and grants. */
    public String superuserPassword() {
        return secrets.get(SUPERUSER);
    }

    public String analystPassword() {
        return secrets.get("postgres." + Access.ANALYST_ROLE);
    }

    public String databasePassword(String role) {
        return secrets.get("postgres." + role);
    }

    public String jwtSecret() {
        return secrets.get("jwt");
    }

    /** What a Kafka Java client of {@code principal} needs besides the bootstrap servers. */
    public Map<String, String> clientProperties(String principal) {
        return KafkaSecurity.clientProperties(principal, secrets.get("kafka." + principal));
    }

    /** The secrets of {@code module}'s process, as environment variables Spring binds. */
    Map<String, String> environmentOf(String module) {
        Access.DatabaseRole role = Access.databaseRole(module);
        Map<String, String> env = new LinkedHashMap<>();
        env.put(
                "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
                clientProperties(module).get("sasl.jaas.config"));
        env.put("SPRING_DATASOURCE_USERNAME", role.role());
        env.put("SPRING_DATASOURCE_PASSWORD", databasePassword(role.role()));
        switch (module) {
            case Access.INGEST_API -> env.put("PIPELINE_INGEST_AUTH_HMAC_SECRET", jwtSecret());
            case Access.PROJECTION -> env.put("PIPELINE_PROJECTION_ANALYST_PASSWORD", analystPassword());
            default -> {}
        }
        if (secrets.containsKey("s3." + module)) {
            env.put("PIPELINE_STORAGE_S3_ACCESS_KEY", module);
            env.put("PIPELINE_STORAGE_S3_SECRET_KEY", storageSecretKey(module));
        }
        return env;
    }

    /**
     * The settings of {@code module} that are no secret: outside the {@code local} profile (profile {@code secure},
     * which has no file of its own), SASL/SCRAM, topics provisioned by the super user, the local provider, and the
     * short backoff tiers of {@code ./pp up}.
     */
    List<String> propertiesOf(String module, StackSettings settings) {
        List<String> properties = new java.util.ArrayList<>(List.of(
                "--spring.profiles.active=secure",
                "--spring.kafka.properties.security.protocol=SASL_PLAINTEXT",
                "--spring.kafka.properties.sasl.mechanism=" + KafkaSecurity.MECHANISM,
                "--spring.kafka.admin.auto-create=false",
                // outside local the actuators have a port of their own (ServiceProcess polls health there), on the
                // loopback interface: the download-consumer's and the projection's files name no address for it,
                // and Spring Boot would bind it to every interface (found by hand on 2026-12-03)
                "--management.server.port=" + FreePorts.pick(),
                "--management.server.address=" + Launcher.LOOPBACK));
        switch (module) {
            case Access.INGEST_API ->
                properties.addAll(List.of(
                        "--pipeline.ingest.auth.mode=hmac",
                        "--pipeline.ingest.auth.issuer=" + DemoTokens.ISSUER,
                        "--pipeline.ingest.auth.audience=" + DemoTokens.AUDIENCE));
            case Access.GENERATION_CONSUMER ->
                properties.addAll(List.of(
                        "--pipeline.generation.replicate.api-token=local", "--pipeline.retry.tier-delays=2s,5s,10s"));
            case Access.DOWNLOAD_CONSUMER -> properties.add("--pipeline.retry.tier-delays=2s,5s,10s");
            default -> {}
        }
        return properties;
    }

    /** The ops principal's settings for librdkafka ({@code kcat -F}) and for {@code ./pp dlq} (KCAT_CONFIG). */
    Path writeOpsConfig(String bootstrapServers) {
        return writePrivate(
                "ops-cli.properties",
                String.join(
                        "\n",
                        "# the ops principal of the secure stack, for kcat -F and ./pp dlq (librdkafka properties)",
                        "bootstrap.servers=" + bootstrapServers,
                        "security.protocol=SASL_PLAINTEXT",
                        "sasl.mechanisms=" + KafkaSecurity.MECHANISM,
                        "sasl.username=" + Access.OPS_CLI,
                        "sasl.password=" + secrets.get("kafka." + Access.OPS_CLI),
                        ""));
    }

    public Path directory() {
        return directory;
    }

    private Path writePrivate(String name, String content) {
        Path file = directory.resolve(name);
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
