package org.vafa.shop.stock;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * For ERP feed routes ({@code bean:shopFeeds}): a camel-sql consumer reads the ERP's stock table from where it stopped
 * ({@code WHERE row_version > :#${bean:shopFeeds.position('erp-sql')}}) and hands the rows to {@link #apply},
 * which applies them and saves the new position in one transaction. Rows are maps with {@code sku}, {@code quantity},
 * and optionally {@code warehouse}, {@code sequence} (a row version: the position is the largest) or {@code at} (a
 * change time: the position is the latest).
 */
@Component(service = StockFeeds.class, property = "name=shopFeeds")
public class StockFeeds {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StockFeeds.class);
    /** The header naming the feed whose position is kept. */
    public static final String FEED_HEADER = "VafaFeed";

    private final Stock stock;

    @Activate
    public StockFeeds(@Reference Stock stock) {
        this.stock = stock;
    }

    /** The feed's position: the last row version or change time applied, {@code 0} before the first. */
    public String position(String feed) {
        return stock.position(feed, "0");
    }

    public Stock.Applied apply(Exchange exchange) {
        String feed = exchange.getMessage().getHeader(FEED_HEADER, String.class);
        if (feed == null || !feed.matches("[a-z0-9][a-z0-9-]{0,59}")) {
            throw new IllegalArgumentException("Set the header " + FEED_HEADER + " to the feed's name, e.g. erp-sql");
        }
        Object body = exchange.getMessage().getBody();
        List<?> rows = body instanceof List<?> list ? records(feed, list) : body instanceof Map<?, ?> one ? List.of(one) : List.of();
        List<StockChange> changes = new ArrayList<>();
        Long lastSequence = null;
        Instant lastTime = null;
        for (Object row : rows) {
            Map<?, ?> r = lower((Map<?, ?>) row);
            Long sequence = r.get("sequence") == null ? null : ((Number) r.get("sequence")).longValue();
            Instant at = instant(r.get("at"));
            try {
                changes.add(new StockChange(String.valueOf(r.get("sku")), r.get("warehouse") == null ? null : r.get("warehouse").toString(),
                        new BigDecimal(String.valueOf(r.get("quantity"))), sequence, at));
            } catch (RuntimeException bad) { // one bad row must not stop the feed: it is skipped, and said so
                LOG.warn("Feed {} skipped a row it cannot use ({}): {}", feed, bad.getMessage(), r);
            }
            lastSequence = sequence == null ? lastSequence : lastSequence == null ? sequence : Math.max(lastSequence, sequence);
            lastTime = at == null ? lastTime : lastTime == null || at.isAfter(lastTime) ? at : lastTime;
        }
        String position = lastSequence != null ? lastSequence.toString() : lastTime != null ? lastTime.toString() : null;
        return stock.apply(changes, feed, position);
    }

    /**
     * Rows as they come: maps (camel-sql), or a batch of messages (camel-kafka with {@code batching=true}: a list of
     * exchanges) whose bodies are JSON {@code {sku, warehouse?, quantity, sequence?, at?}} or lists of them. A message
     * that is not such JSON is skipped with a WARN.
     */
    private static List<?> records(String feed, List<?> list) {
        if (list.isEmpty() || !(list.get(0) instanceof Exchange)) {
            return list;
        }
        List<Object> rows = new ArrayList<>();
        for (Object item : list) {
            String text = ((Exchange) item).getMessage().getBody(String.class);
            try {
                com.fasterxml.jackson.databind.JsonNode json = org.vafa.api.rest.RestJson.MAPPER.readTree(text == null ? "" : text);
                for (com.fasterxml.jackson.databind.JsonNode row : json.isArray() ? json : List.of(json)) {
                    if (!row.isObject()) {
                        throw new IllegalArgumentException("not a JSON object");
                    }
                    rows.add(org.vafa.api.rest.RestJson.MAPPER.convertValue(row, Map.class));
                }
            } catch (Exception bad) {
                LOG.warn("Feed {} skipped a message it cannot use ({}): {}", feed, bad.getMessage(),
                        text == null ? null : text.substring(0, Math.min(200, text.length())));
            }
        }
        return rows;
    }

    private static Map<?, ?> lower(Map<?, ?> row) {
        Map<String, Object> out = new java.util.HashMap<>();
        row.forEach((k, v) -> out.put(String.valueOf(k).toLowerCase(java.util.Locale.ROOT), v));
        return out;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.atZone(java.time.ZoneId.systemDefault()).toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return Instant.parse(value.toString());
    }
}
