package io.picturepipeline.launcher;

import io.picturepipeline.infra.LocalS3;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a service process of the stack is started with: its provider wiring, the replication of a Kafka cluster, the
 * secure stack's credentials and S3 image store, then the {@link StackOptions}' own properties. The one-process JVM
 * gets the same per service, each prefixed with the service's name. {@code secure} and {@code s3} are {@code null} for
 * the plain stack; {@code cluster} is true when it runs several brokers.
 */
record ServiceArguments(StackSettings settings, StackOptions options, boolean cluster, SecureStack secure, LocalS3 s3) {

    /** {@code --key=value} properties of one instance of {@code module} listening on {@code port}. */
    List<String> propertiesOf(String module, int port) {
        List<String> properties = new ArrayList<>(
                ProviderWiring.propertiesOf(module, port, settings.providerUrl(), settings.providerPort()));
        properties.addAll(replication());
        if (secure != null) {
            properties.addAll(secure.propertiesOf(module, settings));
        }
        if (s3 != null && environmentOf(module).containsKey("PIPELINE_STORAGE_S3_ACCESS_KEY")) {
            properties.addAll(List.of(
                    "--pipeline.storage.type=s3",
                    "--pipeline.storage.s3.endpoint=" + s3.endpoint(),
                    "--pipeline.storage.s3.region=" + LocalS3.REGION,
                    "--pipeline.storage.s3.bucket=" + LocalStack.IMAGE_BUCKET,
                    "--pipeline.storage.s3.path-style=true"));
        }
        properties.addAll(options.propertiesOf(module));
        return properties;
    }

    /**
     * The environment of {@code module}'s process: the provider's port (the {@code local} profiles read
     * {@code PROVIDER_PORT}), and the secure stack's secrets.
     */
    Map<String, String> environmentOf(String module) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PROVIDER_PORT", Integer.toString(settings.providerPort()));
        if (secure != null) {
            environment.putAll(secure.environmentOf(module));
        }
        return environment;
    }

    /** The JVM options of {@code module}'s process: the stack's defaults, then the module's own. */
    List<String> jvmOptionsOf(String module) {
        List<String> jvm = new ArrayList<>(options.processes().jvmDefaults());
        jvm.addAll(options.jvmOptionsOf(module));
        return jvm;
    }

    /** The JVM options of the one JVM running {@code modules}: 1 GB of heap, its own, then every module's. */
    List<String> oneProcessJvmOptions(List<String> modules) {
        List<String> jvm = new ArrayList<>(options.processes().jvmDefaults());
        jvm.add("-Xmx1g");
        jvm.addAll(options.jvmOptionsOf(LocalStack.ONE_PROCESS));
        modules.forEach(module -> jvm.addAll(options.jvmOptionsOf(module)));
        return jvm;
    }

    /** The properties of the one JVM running {@code modules}: each one's port and properties under its name. */
    List<String> oneProcessProperties(List<String> modules) {
        List<String> properties = new ArrayList<>(replication());
        for (String module : modules) {
            int port = settings.portOf(module);
            List<String> own = new ArrayList<>(List.of("--server.port=" + port));
            own.addAll(ProviderWiring.propertiesOf(module, port, settings.providerUrl(), settings.providerPort()));
            own.addAll(options.propertiesOf(module));
            own.forEach(property -> properties.add("--" + module + "." + property.substring(2)));
        }
        return properties;
    }

    private List<String> replication() {
        if (!cluster) {
            return List.of();
        }
        return List.of(
                "--pipeline.kafka.replication-factor=" + Math.min(3, options.brokers()),
                "--pipeline.kafka.min-insync-replicas=" + Math.min(2, options.brokers()));
    }
}
