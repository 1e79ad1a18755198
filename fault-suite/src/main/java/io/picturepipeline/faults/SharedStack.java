package io.picturepipeline.faults;

import java.time.Duration;

/**
 * The standard stack, shared by the scenarios that need nothing special (one broker, one instance of each service,
 * the SSRF rig wired into the download stage), so the smoke subset pays for one start. A scenario that leaves
 * violations behind {@linkplain #discard() discards} it: the next one starts afresh instead of inheriting them.
 */
public final class SharedStack {

    public static final Duration PROVIDER_LATENCY = Duration.ofMillis(500);

    private static FaultStack current;
    private static SsrfRig rig;

    private SharedStack() {}

    public static synchronized FaultStack standard() {
        if (current == null) {
            if (rig == null) {
                rig = SsrfRig.start(ServiceJars.moduleDir().resolve("target/ssrf"));
                Runtime.getRuntime().addShutdownHook(new Thread(rig::close, "ssrf-rig-stop"));
            }
            FaultStack stack = FaultStack.start(
                    "standard", PROVIDER_LATENCY, (settings, options) -> rig.configure(settings, options));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "standard-stack-stop"));
            current = stack;
        }
        return current;
    }

    /** The SSRF rig the standard stack's download stage is configured for. */
    public static synchronized SsrfRig rig() {
        standard();
        return rig;
    }

    /** Stops the standard stack; the next {@link #standard()} starts a new one. */
    public static synchronized void discard() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
