package io.picturepipeline.compose;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A docker compose file as docker compose sees it: YAML with anchors and merge keys, before interpolation. */
final class ComposeFile {

    private final Path path;
    private final String text;
    private final Map<String, Object> root;

    private ComposeFile(Path path) {
        this.path = path;
        this.text = Repo.read(path);
        this.root = yaml(text);
    }

    static ComposeFile main() {
        return new ComposeFile(Repo.compose("docker-compose.yml"));
    }

    static ComposeFile jwtIssuerOverride() {
        return new ComposeFile(Repo.compose("docker-compose.jwt-issuer.yml"));
    }

    static Map<String, Object> yaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object loaded = new Yaml(new SafeConstructor(options)).load(text);
        return map(loaded, "document");
    }

    Path path() {
        return path;
    }

    String text() {
        return text;
    }

    Map<String, Object> root() {
        return root;
    }

    Map<String, Object> services() {
        return map(root.get("services"), "services");
    }

    Map<String, Object> service(String name) {
        return map(services().get(name), "service " + name);
    }

    /** The service's environment as written (list or map form), values not interpolated. */
    Map<String, String> environment(String service) {
        Object environment = service(service).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment == null) {
            return variables;
        }
        if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String line = String.valueOf(entry);
                int equals = line.indexOf('=');
                variables.put(
                        equals < 0 ? line : line.substring(0, equals), equals < 0 ? null : line.substring(equals + 1));
            }
            return variables;
        }
        map(environment, service + ".environment").forEach((key, value) -> variables.put(key, stringOf(value)));
        return variables;
    }

    /** The environment with {@code .env.example}, its secrets filled in, interpolated as a container would see it. */
    Map<String, String> resolvedEnvironment(String service) {
        Map<String, String> example = EnvFile.filledIn();
        Map<String, String> resolved = new LinkedHashMap<>();
        environment(service).forEach((key, value) -> resolved.put(key, Interpolation.resolve(value, example)));
        return resolved;
    }

    static String stringOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new IllegalArgumentException("not a scalar: " + value);
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String what) {
        if (!(value instanceof List<?>)) {
            throw new IllegalArgumentException(what + " is not a list: " + value);
        }
        return (List<Object>) value;
    }
}
