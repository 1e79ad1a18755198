package io.picturepipeline.ingest.webhook;

import io.picturepipeline.ingest.IngestSettings;
import io.picturepipeline.retry.StageHandler;
import io.picturepipeline.retry.egress.FetchPolicy;
import io.picturepipeline.retry.egress.HostResolver;
import io.picturepipeline.schemas.Access;
import io.picturepipeline.schemas.Stage;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    /** The download-consumer's SSRF guard without its allow-list: any host whose every address is public. */
    @Bean
    FetchPolicy webhookAddressPolicy(IngestSettings settings) {
        List<String> trusted = settings.webhooks().trustedHosts().stream()
                .filter(entry -> !entry.isBlank()) // an unset WEBHOOK_TRUSTED_HOSTS
                .toList();
        return FetchPolicy.publicHosts(trusted, HostResolver.system());
    }

    /**
     * Webhook deliveries join the shared backoff tiers: {@code pipeline.webhook-retry-<n>} go to the same handler.
     * A failed delivery (a skipped one of a slow endpoint) does not seek its partition back: the deliveries behind it
     * go on at once ({@link io.picturepipeline.retry.KeepRemainingRecords}).
     */
    @Bean
    StageHandler webhookStage(WebhookDeliverer deliverer) {
        return StageHandler.keepingRemainingRecords(Stage.WEBHOOK, Access.WEBHOOK_GROUP, deliverer::handle);
    }
}
