package io.picturepipeline.infra;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Exits the JVM when standard input closes. A parent that starts us holds our stdin open; when it dies, even by
 * kill -9, stdin closes and we shut down (running our shutdown hooks) instead of lingering as an orphan on our
 * port. Two ways in: as a wrapper main, {@code ParentWatch <main class> [args…]}, or as an agent,
 * {@code java -javaagent:local-infra.jar -jar service.jar}, which leaves an executable jar's own launcher alone.
 */
public final class ParentWatch {

    private ParentWatch() {}

    public static void main(String[] args) throws ReflectiveOperationException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ParentWatch <main class> [args...]");
        }
        watchParent();
        try {
            Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object)
                    Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(args[0] + " failed", e.getCause());
        }
    }

    public static void premain(String agentArgs) {
        watchParent();
    }

    private static void watchParent() {
        Thread watch = new Thread(ParentWatch::exitWhenStdinCloses, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void exitWhenStdinCloses() {
        try {
            while (System.in.read() != -1) {
                // the parent never writes; we only wait for the end of the stream
            }
        } catch (IOException brokenPipe) {
            // the parent is gone, same as end of stream
        }
        System.exit(0);
    }
}
