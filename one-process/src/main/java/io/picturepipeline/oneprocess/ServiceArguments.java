package io.picturepipeline.oneprocess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's command line: {@code --key=value} is every service's, {@code --<service>.key=value} (e.g.
 * {@code --ingest-api.server.port=8080}) that service's only, and wins over a common one with the same key.
 */
final class ServiceArguments {

    private final List<String> common = new ArrayList<>();
    private final Map<String, List<String>> own = new LinkedHashMap<>();

    private ServiceArguments() {}

    static ServiceArguments parse(List<String> args, List<String> services) {
        ServiceArguments arguments = new ServiceArguments();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("not a --key=value argument: " + arg);
            }
            String service = services.stream()
                    .filter(name -> arg.startsWith("--" + name + "."))
                    .findFirst()
                    .orElse(null);
            if (service == null) {
                arguments.common.add(arg);
            } else {
                arguments
                        .own
                        .computeIfAbsent(service, s -> new ArrayList<>())
                        .add("--" + arg.substring(service.length() + 3));
            }
        }
        return arguments;
    }

    /** The arguments {@code service} is started with: the common ones, its own replacing those of the same key. */
    String[] of(String service) {
        Map<String, String> byKey = new LinkedHashMap<>();
        common.forEach(arg -> byKey.put(keyOf(arg), arg));
        own.getOrDefault(service, List.of()).forEach(arg -> byKey.put(keyOf(arg), arg));
        return byKey.values().toArray(String[]::new);
    }

    private static String keyOf(String argument) {
        return argument.substring(0, argument.indexOf('='));
    }
}
