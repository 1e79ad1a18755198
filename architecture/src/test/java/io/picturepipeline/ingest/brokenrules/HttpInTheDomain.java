package io.picturepipeline.ingest.brokenrules;

import org.springframework.http.HttpStatus;

public class HttpInTheDomain {

    public HttpStatus refuse() {
        return HttpStatus.TOO_MANY_REQUESTS;
    }
}
