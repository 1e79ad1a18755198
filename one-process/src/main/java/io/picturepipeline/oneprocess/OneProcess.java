package io.picturepipeline.oneprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four services in one JVM, for a machine that runs the whole pipeline alone ({@code ./pp up --one-process}):
 * one JIT compiler, one heap and one garbage collector instead of four. Each service is its own Spring application
 * context with its own configuration file, web server port, database pool, Flyway migrations, consumer groups and
 * metrics tag, exactly as its own process would have; one process per service stays the shape for scaling out.
 * Started stages first, front door last; stopped front door first, so that nothing is accepted that a stopped stage
 * would have to work on, and the projection last, so that it records what the others finished.
 */
public final class OneProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OneProcess.class);

    private final List<ConfigurableApplicationContext> started = Collections.synchronizedList(new ArrayList<>());

    private OneProcess() {}

    public static void main(String[] args) {
        ServiceArguments arguments;
        try {
            arguments = ServiceArguments.parse(
                    Arrays.asList(args), Service.ALL.stream().map(Service::name).toList());
        } catch (IllegalArgumentException e) {
            System.err.println("✗ " + e.getMessage() + " (usage: [--key=value | --<service>.key=value] ...)");
            System.exit(2);
            return;
        }
        OneProcess pipeline = new OneProcess();
        Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "stop-services"));
        try {
            pipeline.start(arguments);
        } catch (RuntimeException e) {
            log.error("the pipeline did not start", e);
            System.exit(1);
        }
    }

    private void start(ServiceArguments arguments) {
        long begin = System.nanoTime();
        for (Service service : Service.ALL) {
            started.add(new SpringApplicationBuilder(service.application())
                    .properties(service.defaults())
                    // logging is set up once per JVM, by the first service: its name would label every line
                    .properties("logging.include-application-name=false")
                    // this runner orders the shutdown (see close); logging stays on until the JVM is gone
                    .registerShutdownHook(false)
                    .properties("logging.register-shutdown-hook=false")
                    .run(arguments.of(service.name())));
        }
        log.info("all {} services started in {} ms", started.size(), (System.nanoTime() - begin) / 1_000_000);
    }

    /** The last started first. */
    @Override
    public void close() {
        List<ConfigurableApplicationContext> stopping = new ArrayList<>(started);
        Collections.reverse(stopping);
        stopping.forEach(ConfigurableApplicationContext::close);
        started.clear();
    }
}
