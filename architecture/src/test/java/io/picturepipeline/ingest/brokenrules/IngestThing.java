package io.picturepipeline.ingest.brokenrules;

/** Stands for any of the ingest-api's classes. */
public class IngestThing {}
