package io.picturepipeline.launcher;

import io.picturepipeline.provider.local.LocalProviderSettings;
import java.util.List;

/**
 * The properties that point a service at the local provider: the generation-consumer's Replicate base URL and its
 * completion webhook (signed with the key the local provider signs with), the download-consumer's trust in the
 * provider's file host. One definition for every stack that runs the local provider (the run command, the fault
 * suite, the benchmark).
 */
public final class ProviderWiring {

    private ProviderWiring() {}

    /** {@code --key=value} properties for {@code module} listening on {@code port}; none for the other services. */
    public static List<String> propertiesOf(String module, int port, String providerUrl, int providerPort) {
        return switch (module) {
            case "generation-consumer" ->
                List.of(
                        "--pipeline.generation.replicate.base-url=" + providerUrl,
                        "--pipeline.generation.webhook-base-url=http://127.0.0.1:" + port,
                        "--pipeline.generation.webhook-secret=" + LocalProviderSettings.DEFAULT_WEBHOOK_SECRET);
            case "download-consumer" -> List.of("--pipeline.download.trusted-internal-hosts=127.0.0.1:" + providerPort);
            default -> List.of();
        };
    }
}
