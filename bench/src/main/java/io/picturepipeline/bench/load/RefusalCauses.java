package io.picturepipeline.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Groups the reasons {@link HttpTarget} records for refused submissions into causes: the rate limit (429), an
 * overloaded server (503), no answer within the timeout, a connection refused or reset, and the rest.
 */
public final class RefusalCauses {

    private RefusalCauses() {}

    public static Map<String, Long> of(Map<String, Long> reasons) {
        Map<String, Long> causes = new LinkedHashMap<>();
        for (String cause : new String[] {"429", "503", "timeout", "connection refused", "reset", "other"}) {
            causes.put(cause, 0L);
        }
        reasons.forEach((reason, count) -> causes.merge(cause(reason), count, Long::sum));
        return causes;
    }

    static String cause(String reason) {
        return switch (reason) {
            case "http 429" -> "429";
            case "http 503" -> "503";
            case "timeout" -> "timeout";
            case "io: ConnectException" -> "connection refused";
            default -> reason.startsWith("io: ") ? "reset" : "other";
        };
    }
}
