package org.vafa.crm.surveys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.events.EventHeaders;
import org.vafa.api.events.EventLog;
import org.vafa.api.links.SignedLinks;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestJson;
import org.vafa.crm.CrmConfig;
import org.vafa.crm.customers.Customers;

/**
 * Short surveys — the club's "customers' opinions": a few questions (one choice, 1 to 5, free text) that a route sends
 * a customer through a signed link ({@code bean:crmSurveys?method=invite}, e.g. a day after a sale: see
 * routes/crm-survey-after-sale.camel.yaml). A customer is invited to a survey once and answers it once; the answers
 * are reported per question. {@code crm.survey.answered} puts it on the customer's timeline (the answers stay here).
 */
@Component(service = Surveys.class, property = "name=crmSurveys", configurationPid = "org.vafa.crm")
public class Surveys {
    static final String PURPOSE = "survey";
    public static final String PATH = "/api/public/surveys/";
    /** The header a route names the survey with. */
    public static final String SURVEY_HEADER = "VafaSurvey";
    private static final Set<String> KINDS = Set.of("choice", "scale", "text");

    private final Database database;
    private final EventLog eventLog;
    private final Customers customers;
    private final SignedLinks links;
    private volatile CrmConfig config;

    /** A question: {@code choice} (one of {@code options}), {@code scale} (1 to 5) or {@code text}. */
    public record Question(String id, String kind, String text, List<String> options) {
    }

    public record Survey(String id, String title, List<Question> questions, boolean active, Instant createdAt) {
    }

    /** {@code POST /api/crm/surveys}. */
    public record NewSurvey(String id, String title, List<Question> questions) {
        public static NewSurvey read(JsonNode body) {
            Fields f = new Fields(body, Set.of("id", "title", "questions"));
            String id = f.text("id", true, 60);
            if (!id.matches("[a-z0-9][a-z0-9-]{0,59}")) {
                throw Problem.invalidField("id", "id is lower-case Latin letters, digits and '-', e.g. after-sale");
            }
            List<Fields> items = f.objects("questions", Set.of("id", "kind", "text", "options"), 20);
            if (items.isEmpty()) {
                throw Problem.invalidField("questions", "a survey has 1 to 20 questions");
            }
            List<Question> questions = new ArrayList<>();
            Set<String> ids = new java.util.HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                Fields q = items.get(i);
                String qid = q.text("id", true, 40);
                if (!qid.matches("[a-z0-9][a-z0-9-]{0,39}") || !ids.add(qid)) {
                    throw Problem.invalidField("questions[" + i + "].id", "a question's id is unique, lower-case Latin letters, digits, '-'");
                }
                String kind = q.text("kind", true, 10);
                if (!KINDS.contains(kind)) {
                    throw Problem.invalidField("questions[" + i + "].kind", "kind is choice, scale (1 to 5) or text");
                }
                List<String> options = q.has("options") ? q.strings("options") : List.of();
                if (kind.equals("choice") && (options.size() < 2 || options.size() > 10)) {
                    throw Problem.invalidField("questions[" + i + "].options", "a choice has 2 to 10 options");
                }
                questions.add(new Question(qid, kind, q.text("text", true, 300), kind.equals("choice") ? List.copyOf(options) : List.of()));
            }
            return new NewSurvey(id, f.text("title", true, 200), List.copyOf(questions));
        }
    }

    /** What the link (or the member API) shows: the survey and whether it was answered. */
    public record Invitation(String id, String surveyId, String title, List<Question> questions, Instant invitedAt, Instant answeredAt) {
    }

    /** Per question: how often each option (or 1..5) was chosen, the mean of a scale, the latest free texts. */
    public record Results(String surveyId, long invited, long answered, List<QuestionResult> questions) {
    }

    public record QuestionResult(String id, String kind, String text, Map<String, Long> counts, Double mean, List<String> texts) {
    }

    @Activate
    public Surveys(@Reference Database database, @Reference EventLog eventLog, @Reference Customers customers,
                   @Reference SignedLinks links, CrmConfig config) {
        this.database = database;
        this.eventLog = eventLog;
        this.customers = customers;
        this.links = links;
        this.config = config;
    }

    @Modified
    void modified(CrmConfig config) {
        this.config = config;
    }

    public Survey define(NewSurvey s) {
        return database.inTransaction(tx -> {
            if (Sql.one(tx, "SELECT id FROM crm_survey WHERE id = ?", rs -> rs.getString(1), s.id()).isPresent()) {
                throw Problem.conflict("A survey '" + s.id() + "' exists already");
            }
            Instant now = Instant.now();
            Sql.update(tx, "INSERT INTO crm_survey (id, title, questions_json, active, created_at) VALUES (?, ?, ?, TRUE, ?)", s.id(), s.title(),
                    json(s.questions()), now);
            return new Survey(s.id(), s.title(), s.questions(), true, now);
        });
    }

    public List<Survey> list() {
        return database.inTransaction(tx -> Sql.list(tx, "SELECT id, title, questions_json, active, created_at FROM crm_survey ORDER BY id",
                Surveys::survey));
    }

    public Optional<Survey> get(String id) {
        return database.inTransaction(tx -> Sql.one(tx, "SELECT id, title, questions_json, active, created_at FROM crm_survey WHERE id = ?",
                Surveys::survey, id));
    }

    /**
     * For routes: invites the member the event is about ({@code memberId} in its data) to the survey named by the header
     * {@value #SURVEY_HEADER}; answers the event's data with {@code invited} (false when the customer was invited before,
     * or the survey is not defined or not active: nothing to send) and {@code surveyLink}.
     */
    public Map<String, Object> invite(Exchange exchange) {
        String surveyId = exchange.getMessage().getHeader(SURVEY_HEADER, String.class);
        Object body = exchange.getMessage().getBody();
        Map<String, Object> data = new HashMap<>();
        if (body instanceof Map<?, ?> map) {
            map.forEach((k, v) -> data.put(String.valueOf(k), v));
        }
        Object memberId = data.get("memberId");
        if (surveyId == null || memberId == null) {
            throw new IllegalArgumentException("Set the header " + SURVEY_HEADER + " and send an event with a memberId");
        }
        String eventId = exchange.getMessage().getHeader(EventHeaders.ID, String.class);
        Optional<String> invitation = database.inTransaction(tx -> {
            boolean active = Sql.one(tx, "SELECT active FROM crm_survey WHERE id = ?", rs -> rs.getBoolean(1), surveyId).orElse(false);
            if (!active) {
                return Optional.<String>empty();
            }
            Customers.Customer customer = customers.ofMember(tx, memberId.toString());
            String id = UUID.randomUUID().toString();
            int added = Sql.update(tx, "INSERT INTO crm_survey_invitation (id, survey_id, customer_id, source_event, invited_at) VALUES"
                    + " (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", id, surveyId, customer.id(), eventId, Instant.now());
            // the same event delivered again finds its own invitation: the same link is sent (once, by the SMS plugin)
            Optional<String[]> existing = Sql.one(tx, "SELECT id, source_event FROM crm_survey_invitation WHERE survey_id = ? AND customer_id = ?",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, surveyId, customer.id());
            return added == 1 ? Optional.of(id) : existing.filter(e -> java.util.Objects.equals(e[1], eventId)).map(e -> e[0]);
        });
        data.put("invited", invitation.isPresent());
        invitation.ifPresent(id -> data.put("surveyLink", config.linkBaseUrl().replaceAll("/+$", "") + PATH
                + links.sign(PURPOSE, id, Instant.now().plus(Duration.ofDays(config.ratingLinkDays())))));
        return data;
    }

    /** The invitation a genuine, unexpired link is for. */
    public Optional<Invitation> byLink(String token) {
        return links.verify(PURPOSE, token).flatMap(id -> invitation(id, null));
    }

    /** The member's invitations, newest first. */
    public List<Invitation> forMember(String memberId) {
        return database.inTransaction(tx -> Sql.list(tx, "SELECT i.id FROM crm_survey_invitation i JOIN crm_customer c ON c.id = i.customer_id"
                + " WHERE c.member_id = ? ORDER BY i.invited_at DESC", rs -> rs.getString(1), memberId)).stream()
                .map(id -> invitation(id, null).orElseThrow()).toList();
    }

    /**
     * Records the answers once ({@code {questionId: answer}}: an option, 1 to 5, or text; a text may be left out).
     *
     * @param memberId the member the invitation must be of (the member API), or null (the signed link names it)
     */
    public Invitation answer(String invitationId, String memberId, JsonNode answers) {
        Invitation invitation = invitation(invitationId, memberId).orElseThrow(() -> Problem.notFound("No survey invitation " + invitationId));
        Map<String, Object> checked = check(invitation.questions(), answers);
        database.inTransaction(tx -> {
            Instant now = Instant.now();
            if (Sql.update(tx, "UPDATE crm_survey_invitation SET answered_at = ?, answers_json = ? WHERE id = ? AND answered_at IS NULL", now,
                    json(checked), invitationId) == 0) {
                throw Problem.conflict("This survey was answered already: the answers are recorded once");
            }
            String[] who = Sql.one(tx, "SELECT c.id, c.member_id FROM crm_survey_invitation i JOIN crm_customer c ON c.id = i.customer_id"
                    + " WHERE i.id = ?", rs -> new String[] {rs.getString(1), rs.getString(2)}, invitationId).orElseThrow();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("surveyId", invitation.surveyId());
            data.put("invitationId", invitationId);
            data.put("customerId", who[0]);
            data.put("memberId", who[1]);
            var event = eventLog.append(tx, "crm", "crm.survey.answered", who[1] == null ? who[0] : who[1], data);
            Sql.update(tx, "INSERT INTO crm_timeline (customer_id, event_id, kind, event_type, occurred_at, data_json) VALUES (?, ?, 'survey', ?,"
                    + " ?, ?)", who[0], event.id(), event.type(), event.time(), json(data));
            return null;
        });
        return invitation(invitationId, null).orElseThrow();
    }

    public Results results(String surveyId) {
        Survey survey = get(surveyId).orElseThrow(() -> Problem.notFound("No survey " + surveyId));
        return database.inTransaction(tx -> {
            long invited = Sql.number(tx, "SELECT COUNT(*) FROM crm_survey_invitation WHERE survey_id = ?", surveyId);
            List<Map<String, Object>> answered = new ArrayList<>();
            for (String answers : Sql.list(tx, "SELECT answers_json FROM crm_survey_invitation WHERE survey_id = ? AND answered_at IS NOT NULL"
                    + " ORDER BY answered_at DESC", rs -> rs.getString(1), surveyId)) {
                answered.add(read(answers, new TypeReference<Map<String, Object>>() { }));
            }
            List<QuestionResult> out = new ArrayList<>();
            for (Question q : survey.questions()) {
                Map<String, Long> counts = new LinkedHashMap<>();
                (q.kind().equals("choice") ? q.options() : q.kind().equals("scale") ? List.of("1", "2", "3", "4", "5") : List.<String>of())
                        .forEach(o -> counts.put(o, 0L));
                List<String> texts = new ArrayList<>();
                double sum = 0;
                long n = 0;
                for (Map<String, Object> a : answered) {
                    Object v = a.get(q.id());
                    if (v == null) {
                        continue;
                    }
                    if (q.kind().equals("text")) {
                        if (texts.size() < 100) {
                            texts.add(v.toString());
                        }
                    } else {
                        counts.merge(v.toString(), 1L, Long::sum);
                    }
                    if (q.kind().equals("scale")) {
                        sum += ((Number) v).doubleValue();
                        n++;
                    }
                }
                out.add(new QuestionResult(q.id(), q.kind(), q.text(), counts, n == 0 ? null : sum / n, texts));
            }
            return new Results(surveyId, invited, answered.size(), out);
        });
    }

    private Optional<Invitation> invitation(String id, String memberId) {
        return database.inTransaction(tx -> Sql.one(tx, "SELECT i.id, s.id, s.title, s.questions_json, i.invited_at, i.answered_at, c.member_id"
                + " FROM crm_survey_invitation i JOIN crm_survey s ON s.id = i.survey_id JOIN crm_customer c ON c.id = i.customer_id"
                + " WHERE i.id = ?", rs -> memberId != null && !memberId.equals(rs.getString(7)) ? null
                : new Invitation(rs.getString(1), rs.getString(2), rs.getString(3), read(rs.getString(4), new TypeReference<List<Question>>() { }),
                Sql.instant(rs, 5), Sql.instant(rs, 6)), id));
    }

    private static Map<String, Object> check(List<Question> questions, JsonNode answers) {
        Fields f = new Fields(answers, Set.of("answers"));
        Fields given = f.object("answers", questions.stream().map(Question::id).collect(java.util.stream.Collectors.toSet()));
        if (given == null) {
            throw Problem.invalidField("answers", "answers is an object {questionId: answer}");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Question q : questions) {
            String field = "answers." + q.id();
            switch (q.kind()) {
                case "choice" -> {
                    String choice = given.text(q.id(), true, 200);
                    if (!q.options().contains(choice)) {
                        throw Problem.invalidField(field, "one of " + q.options());
                    }
                    out.put(q.id(), choice);
                }
                case "scale" -> {
                    if (!given.has(q.id())) {
                        throw Problem.invalidField(field, "a whole number from 1 to 5");
                    }
                    out.put(q.id(), given.whole(q.id(), 1, 5, 0));
                }
                default -> {
                    String text = given.text(q.id(), false, 1000);
                    if (text != null && Fields.visible(text)) {
                        out.put(q.id(), text.strip());
                    }
                }
            }
        }
        return out;
    }

    private static Survey survey(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Survey(rs.getString(1), rs.getString(2), read(rs.getString(3), new TypeReference<List<Question>>() { }), rs.getBoolean(4),
                Sql.instant(rs, 5));
    }

    private static String json(Object value) {
        try {
            return RestJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return RestJson.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
