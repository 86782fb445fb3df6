package org.vafa.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vafa.api.events.CloudEvent;

/** The CloudEvents 1.0 JSON form of an event, written and read with the platform's one mapper. */
public final class Json {
    /** The platform's one mapper ({@link org.vafa.api.rest.RestJson#MAPPER}): events and answers look alike. */
    public static final ObjectMapper MAPPER = org.vafa.api.rest.RestJson.MAPPER;

    private Json() {
    }

    /** JSON text of event data: a String that already holds JSON is taken as it is. */
    public static String dataToJson(Object data) {
        try {
            if (data instanceof String s) {
                try {
                    MAPPER.readTree(s);
                    return s;
                } catch (JsonProcessingException notJson) {
                    return MAPPER.writeValueAsString(s);
                }
            }
            if (data instanceof byte[] bytes) {
                return dataToJson(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
            return MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static ObjectNode envelope(CloudEvent e) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("specversion", CloudEvent.SPEC_VERSION);
        node.put("id", e.id());
        node.put("source", e.source());
        node.put("type", e.type());
        if (e.subject() != null) {
            node.put("subject", e.subject());
        }
        node.put("time", e.time().toString());
        node.put("datacontenttype", CloudEvent.DATA_CONTENT_TYPE);
        if (e.sequence() > 0) {
            node.put("sequence", e.sequence());
        }
        node.set("data", readTree(e.dataJson()));
        return node;
    }

    public static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
