package io.picturepipeline.ingest.brokenrules;

import org.springframework.beans.factory.annotation.Value;

public class ValueInjected {

    @Value("${pipeline.storage.root}")
    String root;
}
