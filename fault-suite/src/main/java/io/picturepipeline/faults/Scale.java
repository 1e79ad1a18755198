package io.picturepipeline.faults;

import java.util.Locale;

/**
 * How big a run is: {@code smoke} (the subset inside {@code ./mvnw verify}, small counts) or {@code full} (the whole
 * suite, {@code -Pfaults}). Set with {@code -Dfaults.scale}.
 */
public enum Scale {
    SMOKE,
    FULL;

    public static Scale current() {
        return valueOf(System.getProperty("faults.scale", "smoke").trim().toUpperCase(Locale.ROOT));
    }

    public static int pick(int smoke, int full) {
        return current() == FULL ? full : smoke;
    }
}
