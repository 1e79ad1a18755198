package io.picturepipeline.ingest.fuzz;

import java.util.List;
import java.util.function.Predicate;

/**
 * Defects the fuzzer finds whose fix is another piece of issue 15 (the web edge's hardening, on its own branch) or
 * not a local change to the API's description: each is reported, and does not fail the test, until it is fixed. Remove each entry when its fix is merged (the
 * summary says how often each matched; one that no longer matches anything is stale).
 */
enum KnownDefects {
    CONNECTOR_HTML_ERROR(
            "Tomcat refuses a request before Spring sees it (a header over its size limit, an encoded slash) with its"
                    + " own HTML page, not a problem",
            finding -> finding.status() == 400
                    && finding.exchange().contentType() != null
                    && finding.exchange().contentType().startsWith("text/html")),
    MALFORMED_ACCEPT(
            "an Accept header that is not a media type list (garbage, */*;q=x) gets an error without a body (400, 406,"
                    + " or whatever the request would have been refused with), not a 400 problem naming Accept",
            finding -> finding.attempt().kind().equals("hostile:header:Accept")
                    && finding.status() >= 400
                    && finding.exchange().contentType() == null),
    FIREWALL_PROBLEM_NAMES_NOTHING(
            "a URL the firewall rejects (//, ;, encoded dots) is a 400 problem without errors naming the path",
            finding -> finding.status() == 400 && finding.broken().size() == 1 && finding.broke("names no field"));

    private final String description;
    private final Predicate<Finding> matches;

    KnownDefects(String description, Predicate<Finding> matches) {
        this.description = description;
        this.matches = matches;
    }

    String description() {
        return description;
    }

    boolean matches(Finding finding) {
        return matches.test(finding);
    }

    static List<KnownDefects> all() {
        return List.of(values());
    }
}
