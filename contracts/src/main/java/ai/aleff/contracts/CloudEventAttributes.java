package ai.aleff.contracts;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: the attributes travel as {@code ce_*} record headers
 * and the record value is the JSON payload. The platform adds two extension attributes to every event.
 */
public final class CloudEventAttributes {

    public static final String SPEC_VERSION = "1.0";
    public static final String HEADER_PREFIX = "ce_";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String SPECVERSION = "ce_specversion";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    /** Extension: owning tenant (CloudEvents extension names are lower-case alphanumerics). */
    public static final String TENANT_ID = "ce_tenantid";
    /** Extension: conversation; absent on tenant-level events such as configuration changes. */
    public static final String CONVERSATION_ID = "ce_conversationid";
    /** Binary mode: the datacontenttype attribute maps to the Kafka content-type header. */
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    private CloudEventAttributes() {
    }
}
