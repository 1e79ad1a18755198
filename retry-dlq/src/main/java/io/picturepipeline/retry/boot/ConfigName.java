package io.picturepipeline.retry.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The base name of a service's configuration files ({@code ingest-api.yml}, {@code ingest-api-local.yml}) in place of
 * Spring Boot's {@code application}: the four services can then share one class path (the one-process runner)
 * without the first {@code application.yml} on it hiding the others'. Put on the {@code @SpringBootApplication}
 * class; {@link ConfigNamePostProcessor} applies it however the application is started (its main, a test, the
 * runner). An explicit {@code spring.config.name} still wins.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConfigName {

    String value();
}
