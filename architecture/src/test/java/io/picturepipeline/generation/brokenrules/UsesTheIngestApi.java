package io.picturepipeline.generation.brokenrules;

import io.picturepipeline.ingest.brokenrules.IngestThing;

public class UsesTheIngestApi {

    IngestThing ingest;
}
