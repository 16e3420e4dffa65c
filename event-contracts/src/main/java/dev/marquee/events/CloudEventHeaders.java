package dev.marquee.events;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: the event attributes travel as record
 * headers, the record value is the JSON payload. Every Marquee producer sets all of these.
 */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATA_SCHEMA = "ce_dataschema";
    /** In binary mode the data content type travels in the plain {@code content-type} header. */
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** The {@code ce_source} of a Marquee service, e.g. {@code /marquee/dialogue-service}. */
    public static String sourceOf(String serviceName) {
        return "/marquee/" + serviceName;
    }
}
