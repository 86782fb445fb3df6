package org.vafa.api.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A domain event in the CloudEvents 1.0 envelope. {@code dataJson} is the JSON text of the
 * {@code data} attribute ({@code datacontenttype} is always {@code application/json}).
 * {@code sequence} is the event's position in the log, or 0 while it is not yet sequenced.
 */
public record CloudEvent(String id, String source, String type, String subject, Instant time, String dataJson,
                         long sequence) {
    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        if (dataJson == null) {
            dataJson = "null";
        }
    }
}
