package io.picturepipeline.ingest.openapi;

import io.picturepipeline.ingest.IngestSettings;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}, generated from the controllers by springdoc, then made as precise
 * as the API really is: every status each operation answers with its problem body ({@link OperationResponses}), the
 * bounds and formats of every parameter ({@link ParameterBounds}), and which properties may be null or are always
 * there ({@link RecordNullability}). The API fuzzer in the tests holds every response to it.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI pictureApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Picture Pipeline API")
                        .version("v1")
                        .description("Submit AI image generations, follow them live over Server-Sent Events,"
                                + " cancel them, fetch the images. Every error is application/problem+json."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer operationResponses() {
        return new OperationResponses();
    }

    @Bean
    OpenApiCustomizer parameterBounds(IngestSettings settings) {
        return new ParameterBounds(settings);
    }

    @Bean
    RecordNullability recordNullability() {
        return new RecordNullability();
    }
}
