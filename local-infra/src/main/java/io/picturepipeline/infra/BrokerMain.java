package io.picturepipeline.infra;

import java.io.IOException;

/**
 * The broker process's entry point: Kafka's own {@code kafka.Kafka}, plus a watch on standard input. The parent
 * holds our stdin open; when the parent dies, even by kill -9, stdin closes and the broker shuts down with it
 * instead of lingering as an orphan on the port.
 */
public final class BrokerMain {

    private BrokerMain() {}

    public static void main(String[] args) {
        Thread watch = new Thread(
                () -> {
                    try {
                        while (System.in.read() != -1) {
                            // the parent never writes; we only wait for end of stream
                        }
                    } catch (IOException ignored) {
                        // a broken pipe means the parent is gone, same as end of stream
                    }
                    System.exit(0);
                },
                "parent-watch");
        watch.setDaemon(true);
        watch.start();
        kafka.Kafka.main(args);
    }
}
