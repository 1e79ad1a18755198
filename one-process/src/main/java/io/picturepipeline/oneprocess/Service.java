package io.picturepipeline.oneprocess;

import io.picturepipeline.download.DownloadConsumerApplication;
import io.picturepipeline.generation.GenerationConsumerApplication;
import io.picturepipeline.ingest.IngestApplication;
import io.picturepipeline.projection.ProjectionApplication;
import java.util.List;
import java.util.Map;

/**
 * One of the four services as the runner starts it: its application class (whose {@code @ConfigName} picks its own
 * {@code <name>.yml}) and the defaults that keep it what it is as its own process.
 */
record Service(String name, Class<?> application, Map<String, Object> defaults) {

    /**
     * Auto-configurations that trigger on classes only the ingest-api brings onto the shared class path: the other
     * services would otherwise get Spring Security's login on every endpoint, a JPA entity manager and an OpenAPI
     * description.
     */
    private static final String INGEST_ONLY = String.join(
            ",",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web"
                    + ".OAuth2ResourceServerWebSecurityAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.metrics.HibernateMetricsAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration");

    /** The image store, which the ingest-api and the download-consumer use and image-store brings. */
    private static final String IMAGE_STORE = "io.picturepipeline.storage.ImageStoreAutoConfiguration";

    /** Start order: the stages before the front door, so that nothing is accepted before it can be worked on. */
    static final List<Service> ALL = List.of(
            new Service("projection", ProjectionApplication.class, notIngest(INGEST_ONLY + "," + IMAGE_STORE)),
            new Service("download-consumer", DownloadConsumerApplication.class, notIngest(INGEST_ONLY)),
            new Service(
                    "generation-consumer",
                    GenerationConsumerApplication.class,
                    notIngest(INGEST_ONLY + "," + IMAGE_STORE)),
            new Service("ingest-api", IngestApplication.class, Map.of()));

    private static Map<String, Object> notIngest(String excluded) {
        return Map.of(
                "spring.autoconfigure.exclude", excluded,
                // the ingest-api's web page (classpath:/static) is served by the ingest-api only
                "spring.web.resources.add-mappings", "false",
                "springdoc.api-docs.enabled", "false");
    }
}
