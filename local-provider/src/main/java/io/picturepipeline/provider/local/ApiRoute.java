package io.picturepipeline.provider.local;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A routed {@code /v1} request.
 *
 * @param id the prediction id for {@code GET} and {@code CANCEL}; {@code owner/name} for {@code MODEL}
 * @param model the model for the model/deployment create endpoints; {@code null} when the body names the version
 */
record ApiRoute(Kind kind, String id, ModelRef model) {

    enum Kind {
        CREATE,
        LIST,
        GET,
        CANCEL,
        SECRET,
        MODEL
    }

    private static final Pattern LIST_OR_CREATE = Pattern.compile("/v1/predictions/?");
    private static final Pattern MODEL_CREATE =
            Pattern.compile("/v1/(?:models|deployments)/([^/]+)/([^/]+)/predictions/?");
    private static final Pattern MODEL = Pattern.compile("/v1/models/([^/]+)/([^/]+)/?");
    private static final Pattern ONE = Pattern.compile("/v1/predictions/([^/]+)/?");
    private static final Pattern CANCEL = Pattern.compile("/v1/predictions/([^/]+)/cancel/?");
    private static final Pattern SECRET = Pattern.compile("/v1/webhooks/default/secret/?");

    /** Routes or throws a 404 (unknown path) or 405 (known path, wrong method). */
    static ApiRoute of(String method, String path) {
        Matcher matcher;
        if (LIST_OR_CREATE.matcher(path).matches()) {
            return "POST".equals(method) ? new ApiRoute(Kind.CREATE, null, null) : only("GET", method, Kind.LIST, null);
        }
        if ((matcher = MODEL_CREATE.matcher(path)).matches()) {
            requireMethod("POST", method);
            return new ApiRoute(Kind.CREATE, null, ModelRef.forModel(matcher.group(1) + "/" + matcher.group(2)));
        }
        if ((matcher = MODEL.matcher(path)).matches()) {
            return only("GET", method, Kind.MODEL, matcher.group(1) + "/" + matcher.group(2));
        }
        if ((matcher = CANCEL.matcher(path)).matches()) {
            return only("POST", method, Kind.CANCEL, matcher.group(1));
        }
        if (SECRET.matcher(path).matches()) {
            return only("GET", method, Kind.SECRET, null);
        }
        if ((matcher = ONE.matcher(path)).matches()) {
            return only("GET", method, Kind.GET, matcher.group(1));
        }
        throw ApiException.notFound();
    }

    private static ApiRoute only(String expected, String method, Kind kind, String id) {
        requireMethod(expected, method);
        return new ApiRoute(kind, id, null);
    }

    private static void requireMethod(String expected, String method) {
        if (!expected.equals(method)) {
            throw ApiException.methodNotAllowed();
        }
    }
}
