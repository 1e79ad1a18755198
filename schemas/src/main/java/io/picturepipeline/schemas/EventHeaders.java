package io.picturepipeline.schemas;

/** Kafka record headers every producer of pipeline events sets. */
public final class EventHeaders {

    /** The event's type name, so tools can filter without parsing the payload. */
    public static final String TYPE = "pp-type";

    private EventHeaders() {}
}
