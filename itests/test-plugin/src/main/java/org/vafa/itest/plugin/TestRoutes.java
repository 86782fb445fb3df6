package org.vafa.itest.plugin;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.events.EventLog;
import org.vafa.api.rest.Problem;

/** REST area {@code /api/test} (scope {@code test}): publish events in bulk, and read what the recorder saw. */
@Component(service = RoutesBuilder.class)
public class TestRoutes extends RouteBuilder {
    @Reference
    private Database database;
    @Reference
    private EventLog eventLog;
    @Reference
    private Recorder recorder; // the table exists before the REST resource answers

    @Override
    public void configure() {
        rest("/test").description("Test plugin")
                .post("/events").id("api-test-publish").description("Publishes count events of a type, one transaction each")
                .to("direct:test-publish")
                .get("/received").id("api-test-received").description("What the recorder saw")
                .to("direct:test-received")
                .post("/failing").id("api-test-failing").description("?on=true makes every delivery fail, ?on=false heals it")
                .to("direct:test-failing");
        from("direct:test-failing").routeId("test-failing").process(e -> {
            Recorder.failing = Boolean.parseBoolean(e.getMessage().getHeader("on", String.class));
            e.getMessage().setBody("{\"failing\":" + Recorder.failing + "}");
        });
        from("direct:test-publish").routeId("test-publish").process(this::publish);
        from("direct:test-received").routeId("test-received").process(this::received);
    }

    private void publish(Exchange exchange) {
        String type = exchange.getMessage().getHeader("type", "test.ping", String.class);
        int count = exchange.getMessage().getHeader("count", 1, Integer.class);
        if (count < 1 || count > 10_000) {
            throw Problem.invalidField("count", "count must be between 1 and 10000");
        }
        String subjects = exchange.getMessage().getHeader("subjects", "1", String.class);
        int subjectCount = Integer.parseInt(subjects);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            ids.add(database.inTransaction(tx -> eventLog.append(tx, "test", type, "s" + (n % subjectCount),
                    Map.of("n", n)).id()));
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody("{\"published\":" + ids.size() + "}");
    }

    private void received(Exchange exchange) {
        String subject = exchange.getMessage().getHeader("subject", String.class);
        String json = database.inTransaction(tx -> {
            long forSubject = 0;
            if (subject != null) {
                try (PreparedStatement ps = tx.prepareStatement("SELECT COUNT(*) FROM testplugin_received WHERE subject = ?")) {
                    ps.setString(1, subject);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        forSubject = rs.getLong(1);
                    }
                }
            }
            long calls;
            long distinctCalls;
            long received;
            try (PreparedStatement ps = tx.prepareStatement("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM testplugin_call");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                calls = rs.getLong(1);
                distinctCalls = rs.getLong(2);
            }
            try (PreparedStatement ps = tx.prepareStatement("SELECT COUNT(*) FROM testplugin_received");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                received = rs.getLong(1);
            }
            // per subject, the effects must follow the log order
            boolean ordered = true;
            java.util.Map<String, Long> lastSeq = new java.util.HashMap<>();
            try (PreparedStatement ps = tx.prepareStatement("SELECT subject, seq FROM testplugin_received ORDER BY effect_no");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long before = lastSeq.put(rs.getString(1), rs.getLong(2));
                    if (before != null && before > rs.getLong(2)) {
                        ordered = false;
                    }
                }
            }
            return "{\"calls\":" + calls + ",\"distinctCalls\":" + distinctCalls + ",\"received\":" + received
                    + ",\"orderedPerSubject\":" + ordered + ",\"receivedForSubject\":" + forSubject + "}";
        });
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json);
    }
}
