package org.vafa.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.contacts.Contact;
import org.vafa.api.contacts.ContactSource;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.events.EventHeaders;
import org.vafa.api.events.EventLog;
import org.vafa.api.personal.Person;
import org.vafa.api.rest.Problem;
import org.vafa.core.Standalone;
import org.vafa.core.contacts.ContactDirectory;
import org.vafa.core.db.TestDatabases;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.locale.VafaLocale;
import org.vafa.crm.customers.Customers;
import org.vafa.crm.personal.CrmPersonalData;
import org.vafa.crm.staff.Staff;
import org.vafa.crm.staff.StaffContacts;
import org.vafa.crm.tasks.Tasks;
import org.vafa.crm.tickets.Tickets;
import org.vafa.crm.timeline.CrmTimeline;

/** The customer file, its timeline, staff and tickets on both databases (the club is a contact source here). */
class CrmTest {
    private static final String SARA = "6b1c2f4e-0000-4000-8000-000000000001";

    private record Crm(Database database, Customers customers, CrmTimeline timeline, Staff staff, Tickets tickets, ContactDirectory contacts,
                       Tasks tasks) {
    }

    private static Crm crm(HikariDataSource db) {
        return crm(db, Standalone.defaults(CrmConfig.class));
    }

    private static Crm crm(HikariDataSource db, CrmConfig config) {
        VafaDatabase.migrate(db, "core", CrmTest.class.getClassLoader());
        VafaDatabase.migrate(db, "crm", CrmTest.class.getClassLoader());
        Database database = Standalone.database(db, "test");
        EventLog eventLog = Standalone.eventLog(db);
        ContactDirectory contacts = new ContactDirectory(VafaLocale.defaults());
        ContactSource members = id -> id.equals(SARA)
                ? Optional.of(new Contact("member:" + id, "+989121234567", null, "fa", true, false, Map.of())) : Optional.empty();
        contacts.addSource(members, Map.of(ContactSource.KIND, "member"));
        Customers customers = new Customers(database, VafaLocale.defaults(), () -> "crm");
        Staff staff = new Staff(database, VafaLocale.defaults(), () -> "crm");
        contacts.addSource(new StaffContacts(staff), Map.of(ContactSource.KIND, "staff"));
        return new Crm(database, customers, new CrmTimeline(database, customers), staff,
                new Tickets(database, eventLog, customers, staff, contacts, VafaLocale.defaults(),
                        org.vafa.api.cluster.ClusterSingletons.alone(), config), contacts,
                new Tasks(database, eventLog, customers, staff));
    }

    private static Exchange event(String id, String type, String subject, Map<String, Object> data) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getMessage().setHeader(EventHeaders.ID, id);
        e.getMessage().setHeader(EventHeaders.TYPE, type);
        e.getMessage().setHeader(EventHeaders.SUBJECT, subject);
        e.getMessage().setHeader(EventHeaders.TIME, "2026-12-01T10:00:00Z");
        e.getMessage().setBody(data);
        return e;
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void eventsLandOnTheTimelineOnceAndTicketsGoToTheExpertOnDuty(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Crm crm = crm(db);
            Exchange registered = event("e1", "club.member.registered", SARA, Map.of("id", SARA, "firstName", "سارا", "lastName", "احمدی",
                    "mobile", "+989121234567"));
            assertThat(crm.timeline().record(registered)).isTrue();
            assertThat(crm.timeline().record(registered)).as("delivered again").isFalse();
            crm.timeline().record(event("e2", "pos.sale.completed", "sale-1", Map.of("memberId", SARA, "total", 250000)));
            crm.timeline().record(event("e3", "club.points.earned", SARA, Map.of("points", 25, "source", "pos:till-1:R1")));
            Customers.Customer sara = crm.customers().find(null, null, "0912 123 4567").orElseThrow();
            assertThat(sara.memberId()).isEqualTo(SARA);
            assertThat(sara.firstName()).isEqualTo("سارا");
            CrmTimeline.Page page = crm.timeline().page(sara.id(), null, null, 2);
            assertThat(page.entries()).extracting(CrmTimeline.Entry::kind).containsExactly("points", "purchase");
            assertThat(crm.timeline().page(sara.id(), null, page.next(), 2).entries()).extracting(CrmTimeline.Entry::kind).containsExactly("member");
            assertThat(crm.timeline().page(sara.id(), "purchase", null, 50).entries()).hasSize(1);
            assertThatThrownBy(() -> crm.timeline().page(sara.id(), "gossip", null, 50)).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.field()).isEqualTo("kind"));

            crm.staff().add(Staff.NewPerson.read(org.vafa.api.rest.RestJson.parse("{\"id\": \"ali\", \"name\": \"علی\", \"mobile\": \"09351112233\","
                    + " \"categories\": [\"complaint\"], \"onDuty\": false}")));
            crm.staff().add(Staff.NewPerson.read(org.vafa.api.rest.RestJson.parse("{\"id\": \"mina\", \"name\": \"مینا\", \"mobile\": \"09351114455\","
                    + " \"categories\": [\"complaint\", \"warranty\"]}")));
            assertThat(crm.contacts().resolve("staff:mina").orElseThrow().mobile()).isEqualTo("+989351114455");
            Tickets.Ticket ticket = crm.tickets().file(new Tickets.NewTicket(SARA, "complaint", null, "کالا خراب بود", "فرش پاره بود", "R1",
                    null), "admin");
            assertThat(ticket.expertId()).as("the expert on duty").isEqualTo("mina");
            assertThat(ticket.number()).isEqualTo(1);
            long filed = crm.database().inTransaction(tx -> Sql.number(tx, "SELECT COUNT(*) FROM vafa_event WHERE event_type = 'crm.ticket.filed'"
                    + " AND data_json LIKE '%\"expertId\":\"mina\"%'"));
            assertThat(filed).isEqualTo(1);
            assertThat(crm.timeline().page(sara.id(), "ticket", null, 50).entries()).hasSize(1);
            assertThatThrownBy(() -> crm.tickets().file(new Tickets.NewTicket(SARA, "gossip", null, "x", "y", null, null), "admin"))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("category"));
            assertThatThrownBy(() -> crm.tickets().file(new Tickets.NewTicket("nobody", "complaint", null, "x", "y", null, null), "admin"))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("memberId"));
            assertThat(crm.tickets().list("new", "mina", null, 50)).hasSize(1);

            CrmPersonalData personal = new CrmPersonalData(crm.database(), () -> "crm");
            Person person = new Person(SARA, List.of("+989121234567"), List.of());
            assertThat(personal.export(person).data().get("tickets")).asList().hasSize(1);
            assertThat(personal.erase(person, "erasure-1").records()).isPositive();
            crm.tickets().stop();
            long traces = crm.database().inTransaction(tx -> Sql.number(tx, "SELECT (SELECT COUNT(*) FROM crm_customer WHERE first_name IS NOT"
                    + " NULL OR mobile IS NOT NULL) + (SELECT COUNT(*) FROM crm_timeline WHERE data_json LIKE '%سارا%' OR data_json LIKE"
                    + " '%9121234567%') + (SELECT COUNT(*) FROM crm_ticket WHERE text LIKE '%فرش%')"));
            assertThat(traces).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aRouteMakesATaskOncePerEventAndCompletingItPublishesTheOutcome(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Crm crm = crm(db);
            crm.staff().add(Staff.NewPerson.read(org.vafa.api.rest.RestJson.parse("{\"id\": \"mina\", \"name\": \"مینا\","
                    + " \"categories\": [\"complaint\"]}")));
            Exchange registered = event("e1", "club.member.registered", SARA, Map.of("id", SARA, "status", "pending_verification"));
            registered.getMessage().setHeader("VafaTaskKind", "verification-call");
            registered.getMessage().setHeader("VafaTaskTitle", "تماس برای تأیید عضویت");
            registered.getMessage().setHeader("VafaTaskDueMinutes", 1440);
            Tasks.Task task = crm.tasks().fromEvent(registered).orElseThrow();
            assertThat(crm.tasks().fromEvent(registered).orElseThrow().id()).as("the same event again").isEqualTo(task.id());
            assertThat(task.memberId()).isEqualTo(SARA);
            assertThat(task.dueAt()).isAfter(java.time.Instant.now().plusSeconds(86_000));
            assertThat(crm.tasks().list("open", "mina", null, 50)).as("an expert's tasks include the experts'").hasSize(1);

            assertThatThrownBy(() -> crm.tasks().complete(task.id(), "Verified!", null, "mina")).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.field()).isEqualTo("outcome"));
            Tasks.Task done = crm.tasks().complete(task.id(), "verified", "called at 10:00", "mina");
            assertThat(done.status()).isEqualTo("done");
            assertThatThrownBy(() -> crm.tasks().complete(task.id(), "verified", null, "mina")).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.status()).isEqualTo(409));
            long completed = crm.database().inTransaction(tx -> Sql.number(tx, "SELECT COUNT(*) FROM vafa_event WHERE event_type ="
                    + " 'crm.task.completed' AND data_json LIKE '%\"outcome\":\"verified\"%' AND subject = ?", SARA));
            assertThat(completed).isEqualTo(1);
            assertThatThrownBy(() -> crm.tasks().create(new Tasks.NewTask(null, "x", "nobody", null, null, null, null), "admin"))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("assignee"));
            crm.tickets().stop();
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aTicketNotAcknowledgedInTimeIsEscalatedAndWaitingOnTheCustomerPausesItsClock(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Crm crm = crm(db, Standalone.configured(CrmConfig.class, Map.of("businessWeek", "SAT-FRI 00:00-24:00",
                    "firstResponse", "normal=2s", "resolution", "normal=1h", "slaWarning", "normal=1s")));
            try {
                for (String json : List.of("{\"id\": \"mina\", \"name\": \"مینا\", \"categories\": [\"complaint\"]}",
                        "{\"id\": \"sam\", \"name\": \"Sam\", \"roles\": [\"supervisor\"]}",
                        "{\"id\": \"boss\", \"name\": \"Boss\", \"roles\": [\"manager\"]}")) {
                    crm.staff().add(Staff.NewPerson.read(org.vafa.api.rest.RestJson.parse(json)));
                }
                Tickets.Ticket late = crm.tickets().file(new Tickets.NewTicket(SARA, "complaint", null, "دیر", "پاسخ نیامد", null, null),
                        "admin");
                assertThat(late.dueAt()).isBetween(late.filedAt().plusSeconds(1), late.filedAt().plusSeconds(3));
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (crm.tickets().get(late.id()).orElseThrow().escalationLevel() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Tickets.Ticket escalated = crm.tickets().get(late.id()).orElseThrow();
                assertThat(escalated.escalationLevel()).isEqualTo(1);
                assertThat(escalated.escalatedTo()).as("the supervisor, who answers every category").isEqualTo("sam");
                long events = crm.database().inTransaction(tx -> Sql.number(tx, "SELECT COUNT(*) FROM vafa_event WHERE event_type ="
                        + " 'crm.ticket.escalated' AND data_json LIKE '%\"escalatedTo\":\"sam\"%'"));
                assertThat(events).isEqualTo(1);
                // with a second left, the expert holding it was warned, before the escalation
                List<String> warnings = crm.database().inTransaction(tx -> Sql.list(tx, "SELECT event_type FROM vafa_event WHERE event_type"
                        + " IN ('crm.ticket.sla-warning', 'crm.ticket.escalated') ORDER BY recorded", rs -> rs.getString(1)));
                assertThat(warnings.get(0)).isEqualTo("crm.ticket.sla-warning");
                long warned = crm.database().inTransaction(tx -> Sql.number(tx, "SELECT COUNT(*) FROM vafa_event WHERE event_type ="
                        + " 'crm.ticket.sla-warning' AND data_json LIKE '%\"holder\":\"mina\"%'"));
                assertThat(warned).isEqualTo(1);
                assertThatThrownBy(() -> crm.tickets().rate(late.id(), null, "good", null, "member")).isInstanceOfSatisfying(Problem.class,
                        p -> assertThat(p.status()).as("rated once resolved").isEqualTo(409));

                // the expert answers: acknowledged, the resolution clock (an hour) runs; waiting on the customer pauses it
                crm.tickets().reply(late.id(), "staff", "بررسی می‌کنیم", "mina");
                Tickets.Ticket acknowledged = crm.tickets().get(late.id()).orElseThrow();
                assertThat(acknowledged.status()).isEqualTo("acknowledged");
                assertThat(acknowledged.dueAt()).isAfter(java.time.Instant.now().plusSeconds(3500));
                Tickets.Ticket waiting = crm.tickets().changeStatus(late.id(), "waiting_on_customer", "mina");
                assertThat(waiting.dueAt()).as("no deadline while paused").isNull();
                crm.tickets().reply(late.id(), "customer", "عکس را فرستادم", "member");
                Tickets.Ticket resumed = crm.tickets().get(late.id()).orElseThrow();
                assertThat(resumed.status()).isEqualTo("in_progress");
                assertThat(resumed.dueAt()).as("the hour left, from now").isBetween(java.time.Instant.now().plusSeconds(3500),
                        acknowledged.dueAt().plusSeconds(60));
                // staff escalate by hand before the deadline (acknowledging started the chain again): the supervisor, then
                // the manager, each with the event that texts them; then no further
                Tickets.Ticket toSupervisor = crm.tickets().escalate(late.id(), "operator:admin");
                assertThat(toSupervisor.escalationLevel()).isEqualTo(1);
                assertThat(toSupervisor.escalatedTo()).isEqualTo("sam");
                Tickets.Ticket toManager = crm.tickets().escalate(late.id(), "operator:admin");
                assertThat(toManager.escalationLevel()).isEqualTo(2);
                assertThat(toManager.escalatedTo()).isEqualTo("boss");
                long byHand = crm.database().inTransaction(tx -> Sql.number(tx, "SELECT COUNT(*) FROM vafa_event WHERE event_type ="
                        + " 'crm.ticket.escalated' AND data_json LIKE '%\"escalatedBy\":\"operator:admin\"%'"));
                assertThat(byHand).isEqualTo(2);
                assertThatThrownBy(() -> crm.tickets().escalate(late.id(), "operator:admin")).isInstanceOfSatisfying(Problem.class,
                        p -> assertThat(p.status()).as("a manager holds it").isEqualTo(409));
                assertThatThrownBy(() -> crm.tickets().changeStatus(late.id(), "closed", "mina")).isInstanceOfSatisfying(Problem.class,
                        p -> assertThat(p.status()).isEqualTo(409));
                crm.tickets().changeStatus(late.id(), "resolved", "mina");
                assertThat(crm.tickets().changeStatus(late.id(), "closed", "mina").dueAt()).isNull();
                // the customer's satisfaction: once, and only on her own ticket
                assertThatThrownBy(() -> crm.tickets().rate(late.id(), "someone-else", "bad", null, "member"))
                        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(404));
                assertThatThrownBy(() -> crm.tickets().rate(late.id(), null, "so-so", null, "member"))
                        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("rating"));
                assertThat(crm.tickets().rate(late.id(), late.customerId(), "good", "ممنون", "member").rating()).isEqualTo("good");
                assertThatThrownBy(() -> crm.tickets().rate(late.id(), null, "bad", null, "link")).isInstanceOfSatisfying(Problem.class,
                        p -> assertThat(p.status()).isEqualTo(409));
                assertThat(crm.tickets().rating(late.id()).orElseThrow().comment()).isEqualTo("ممنون");
                assertThat(crm.tickets().replies(late.id())).extracting(Tickets.Reply::kind).containsExactly("staff", "customer");
                assertThat(crm.timeline().page(crm.customers().find(null, SARA, null).orElseThrow().id(), "ticket", null, 50).entries())
                        .extracting(CrmTimeline.Entry::type).contains("crm.ticket.filed", "crm.ticket.escalated", "crm.ticket.acknowledged",
                                "crm.ticket.waiting-on-customer", "crm.ticket.replied", "crm.ticket.resolved", "crm.ticket.closed");
            } finally {
                crm.tickets().stop();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aProformaBecomesAnInvoiceNumberedWithoutGapsAndADispatchNoteWithItsLines(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Crm crm = crm(db);
            try {
                org.vafa.crm.documents.Documents documents = new org.vafa.crm.documents.Documents(crm.database(), Standalone.eventLog(db),
                        crm.customers(), VafaLocale.defaults(), Standalone.defaults(CrmConfig.class));
                String json = "{\"memberId\": \"" + SARA + "\", \"lines\": [{\"sku\": \"rug-1\", \"name\": \"فرش\", \"quantity\": 2,"
                        + " \"unitPrice\": 1250000.50}, {\"sku\": \"tea\", \"quantity\": 0.5, \"unitPrice\": 300000}]}";
                var proforma = documents.proforma(org.vafa.crm.documents.Documents.NewProforma.read(org.vafa.api.rest.RestJson.parse(json)),
                        "admin");
                // 2 × 1,250,000.50 + 0.5 × 300,000 = 2,500,001.00 + 150,000 = 2,650,001.00; VAT 10 % = 265,000.10; total 2,915,001.10
                assertThat(proforma.subtotal()).isEqualByComparingTo("2650001.00");
                assertThat(proforma.vat()).isEqualByComparingTo("265000.10");
                assertThat(proforma.total()).isEqualByComparingTo("2915001.10");
                assertThat(proforma.currency()).isEqualTo("IRR");
                int year = new com.ibm.icu.util.PersianCalendar(com.ibm.icu.util.TimeZone.getTimeZone("Asia/Tehran"))
                        .get(com.ibm.icu.util.Calendar.YEAR);
                assertThat(proforma.number()).isEqualTo("PRO-" + year + "-000001");

                var invoice = documents.invoice(proforma.id(), "mina");
                assertThat(invoice.number()).isEqualTo("INV-" + year + "-000001");
                assertThat(documents.get(proforma.id()).orElseThrow().status()).isEqualTo("converted");
                assertThatThrownBy(() -> documents.invoice(proforma.id(), "mina")).isInstanceOfSatisfying(Problem.class,
                        p -> assertThat(p.status()).isEqualTo(409));
                var second = documents.invoice(documents.proforma(org.vafa.crm.documents.Documents.NewProforma.read(
                        org.vafa.api.rest.RestJson.parse(json)), "admin").id(), "mina");
                assertThat(second.number()).isEqualTo("INV-" + year + "-000002");
                assertThat(documents.cancel(second.id(), "mina").status()).as("an invoice not dispatched").isEqualTo("cancelled");

                var note = documents.dispatch(invoice.id(), "warehouse");
                assertThat(note.number()).isEqualTo("DSP-" + year + "-000001");
                assertThat(note.lines()).extracting(org.vafa.crm.documents.Documents.DocumentLine::sku).containsExactly("rug-1", "tea");
                assertThatThrownBy(() -> documents.cancel(invoice.id(), "mina")).isInstanceOfSatisfying(Problem.class,
                        p -> assertThat(p.status()).isEqualTo(409));
                long dispatched = crm.database().inTransaction(tx -> Sql.number(tx, "SELECT COUNT(*) FROM vafa_event WHERE event_type ="
                        + " 'crm.document.dispatched' AND data_json LIKE '%rug-1%' AND subject = ?", SARA));
                assertThat(dispatched).isEqualTo(1);
                assertThat(crm.timeline().page(crm.customers().find(null, SARA, null).orElseThrow().id(), "document", null, 50).entries())
                        .hasSize(6); // two proformas issued, two invoices, a cancellation, a dispatch
                assertThatThrownBy(() -> org.vafa.crm.documents.Documents.NewProforma.read(org.vafa.api.rest.RestJson.parse(
                        "{\"memberId\": \"" + SARA + "\", \"lines\": [{\"sku\": \"a\", \"quantity\": 1, \"unitPrice\": 1},"
                                + " {\"sku\": \"b\", \"quantity\": -1, \"unitPrice\": 1}]}"))).isInstanceOfSatisfying(Problem.class,
                        p -> assertThat(p.field()).isEqualTo("lines[1].quantity"));
            } finally {
                crm.tickets().stop();
            }
        }
    }
}
