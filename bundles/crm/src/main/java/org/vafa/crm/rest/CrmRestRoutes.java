package org.vafa.crm.rest;

import static org.vafa.api.rest.RestJson.answer;
import static org.vafa.api.rest.RestJson.jsonBody;

import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestHeaders;
import org.vafa.api.rest.RestJson;
import org.vafa.crm.customers.Customers;
import org.vafa.crm.documents.Documents;
import org.vafa.crm.staff.Staff;
import org.vafa.crm.tasks.Tasks;
import org.vafa.crm.tickets.TicketReports;
import org.vafa.crm.tickets.Tickets;
import org.vafa.crm.timeline.CrmTimeline;

/** The CRM under {@code /api/crm} (scope {@code crm}): customers and their timelines, staff, tickets, tasks, documents. */
@Component(service = RoutesBuilder.class)
public class CrmRestRoutes extends RouteBuilder {
    private static final String JSON = "application/json";

    private final Customers customers;
    private final CrmTimeline timeline;
    private final Staff staff;
    private final Tickets tickets;
    private final Tasks tasks;
    private final Documents documents;
    private final TicketReports reports;

    @Activate
    public CrmRestRoutes(@Reference Customers customers, @Reference CrmTimeline timeline, @Reference Staff staff,
                         @Reference Tickets tickets, @Reference Tasks tasks, @Reference Documents documents,
                         @Reference TicketReports reports) {
        this.reports = reports;
        this.documents = documents;
        this.customers = customers;
        this.timeline = timeline;
        this.staff = staff;
        this.tickets = tickets;
        this.tasks = tasks;
    }

    @Override
    public void configure() {
        rest("/crm/customers").description("The customer file")
                .get().id("api-crm-customer-find").produces(JSON).outType(Customers.Customer.class)
                .description("The customer by exactly one of ?memberId= or ?mobile= (any usual form)")
                .param().name("memberId").type(RestParamType.query).required(false).endParam()
                .param().name("mobile").type(RestParamType.query).required(false).endParam()
                .to("direct:crm-customer-find")
                .get("/{id}").id("api-crm-customer").produces(JSON).outType(Customers.Customer.class).description("One customer")
                .to("direct:crm-customer")
                .get("/{id}/timeline").id("api-crm-timeline").produces(JSON).outType(CrmTimeline.Page.class)
                .description("What happened to the customer, newest first: ?kind= filters (purchase, refund, points, tier, voucher,"
                        + " reward, stored-value, message, ticket, member, ...), ?limit=1..200 (50), ?before= the page's next")
                .param().name("kind").type(RestParamType.query).required(false).endParam()
                .param().name("limit").type(RestParamType.query).required(false).endParam()
                .param().name("before").type(RestParamType.query).required(false).endParam()
                .to("direct:crm-timeline");
        rest("/crm/staff").description("Staff: contacts for SMS and email, and who answers which tickets")
                .post().id("api-crm-staff-add").consumes(JSON).produces(JSON).type(Staff.NewPerson.class).outType(Staff.Person.class)
                .description("{id, name, mobile?, email?, roles? ([expert]), branches? (every one), categories, onDuty? (true), language?}")
                .to("direct:crm-staff-add")
                .get().id("api-crm-staff").produces(JSON).outType(Staff.Person[].class).description("The staff directory")
                .to("direct:crm-staff")
                .get("/{id}").id("api-crm-staff-one").produces(JSON).outType(Staff.Person.class).description("One member of staff")
                .to("direct:crm-staff-one")
                .put("/{id}/on-duty").id("api-crm-staff-duty").consumes(JSON).produces(JSON).outType(Staff.Person.class)
                .description("{onDuty: true|false}: tickets go to experts on duty first").to("direct:crm-staff-duty");
        rest("/crm/tickets").description("Tickets: the responsible expert is texted at once (routes/crm-ticket-sms.camel.yaml)")
                .post().id("api-crm-ticket-file").consumes(JSON).produces(JSON).type(Tickets.NewTicket.class).outType(Tickets.Ticket.class)
                .description("{memberId, category, subject, text, priority? (normal), reference?, branch?}: filed by staff on the member's"
                        + " behalf")
                .to("direct:crm-ticket-file")
                .get().id("api-crm-tickets").produces(JSON).outType(Tickets.Ticket[].class)
                .description("Tickets, newest first: ?status=, ?expertId=, ?customerId=, ?limit=1..500 (50)")
                .param().name("status").type(RestParamType.query).required(false).endParam()
                .param().name("expertId").type(RestParamType.query).required(false).endParam()
                .param().name("customerId").type(RestParamType.query).required(false).endParam()
                .param().name("limit").type(RestParamType.query).required(false).endParam()
                .to("direct:crm-tickets")
                .get("/{id}").id("api-crm-ticket").produces(JSON).outType(Tickets.Ticket.class).description("One ticket")
                .to("direct:crm-ticket")
                .patch("/{id}").id("api-crm-ticket-status").consumes(JSON).produces(JSON).outType(Tickets.Ticket.class)
                .description("{status}: acknowledged, in_progress, waiting_on_customer (pauses the SLA clock), resolved, closed (only a"
                        + " resolved ticket); each step is an event on the timeline")
                .to("direct:crm-ticket-status")
                .post("/{id}/escalate").id("api-crm-ticket-escalate").produces(JSON).outType(Tickets.Ticket.class)
                .description("Escalates an open ticket by hand to the next person in its category's chain (supervisor, then"
                        + " manager), as a missed deadline would: crm.ticket.escalated, which texts them; 409 when closed or with a manager")
                .to("direct:crm-ticket-escalate")
                .post("/{id}/replies").id("api-crm-ticket-reply").consumes(JSON).produces(JSON).outType(Tickets.Reply.class)
                .description("{text, kind? (staff: to the customer, who is texted a notice; note: internal)}: the first staff reply"
                        + " acknowledges a new ticket")
                .to("direct:crm-ticket-reply")
                .get("/{id}/replies").id("api-crm-ticket-replies").produces(JSON).outType(Tickets.Reply[].class)
                .description("The ticket's replies and notes, oldest first").to("direct:crm-ticket-replies");

        rest("/crm/reports").description("How the service desk is doing")
                .get("/tickets").id("api-crm-report-tickets").produces(JSON).outType(TicketReports.Report.class)
                .description("Tickets filed from ?from= to ?to= (ISO instants; default the last 30 days) per expert and per category:"
                        + " filed, open, SLA breaches (escalated, or open past the deadline), resolved, satisfaction (good of all answers)")
                .param().name("from").type(RestParamType.query).required(false).endParam()
                .param().name("to").type(RestParamType.query).required(false).endParam()
                .to("direct:crm-report-tickets");
        from("direct:crm-report-tickets").routeId("crm-report-tickets").process(e -> {
            java.time.Instant to = instant(e, "to", java.time.Instant.now());
            java.time.Instant from = instant(e, "from", to.minus(java.time.Duration.ofDays(30)));
            if (!from.isBefore(to)) {
                throw Problem.invalidField("from", "from is before to");
            }
            answer(e, 200, tree(reports.tickets(from, to)));
        });

        rest("/crm/documents").description("Sales documents: proforma → invoice → dispatch note")
                .post().id("api-crm-proforma").consumes(JSON).produces(JSON).type(Documents.NewProforma.class)
                .outType(Documents.Document.class)
                .description("{memberId, currency?, lines: [{sku, name?, quantity, unitPrice}]}: a proforma with VAT (PID org.vafa.crm"
                        + " vatPercent); a route makes the follow-up task")
                .to("direct:crm-proforma")
                .get().id("api-crm-documents").produces(JSON).outType(Documents.Document[].class)
                .description("Documents, newest first: ?customerId=, ?kind=proforma|invoice|dispatch, ?limit=1..500 (50)")
                .param().name("customerId").type(RestParamType.query).required(false).endParam()
                .param().name("kind").type(RestParamType.query).required(false).endParam()
                .param().name("limit").type(RestParamType.query).required(false).endParam()
                .to("direct:crm-documents")
                .get("/{id}").id("api-crm-document").produces(JSON).outType(Documents.Document.class).description("One document")
                .to("direct:crm-document")
                .post("/{id}/invoice").id("api-crm-invoice").produces(JSON).outType(Documents.Document.class)
                .description("The open proforma becomes an invoice, numbered per year without gaps").to("direct:crm-invoice")
                .post("/{id}/dispatch").id("api-crm-dispatch").produces(JSON).outType(Documents.Document.class)
                .description("The issued invoice produces a dispatch note; crm.document.dispatched carries its lines").to("direct:crm-dispatch")
                .post("/{id}/cancel").id("api-crm-document-cancel").produces(JSON).outType(Documents.Document.class)
                .description("Cancels an open proforma or an invoice not yet dispatched").to("direct:crm-document-cancel");

        from("direct:crm-proforma").routeId("crm-proforma").process(e -> {
            Documents.Document d = documents.proforma(Documents.NewProforma.read(jsonBody(e)), caller(e));
            e.getMessage().setHeader("Location", "/api/crm/documents/" + d.id());
            answer(e, 201, tree(d));
        });
        from("direct:crm-documents").routeId("crm-documents").process(e -> answer(e, 200, tree(documents.list(query(e, "customerId"),
                query(e, "kind"), RestJson.number("limit", query(e, "limit"), 50, 1, 500)))));
        from("direct:crm-document").routeId("crm-document").process(e -> answer(e, 200, tree(documents.get(id(e))
                .orElseThrow(() -> Problem.notFound("No document " + id(e))))));
        from("direct:crm-invoice").routeId("crm-invoice").process(e -> answer(e, 201, tree(documents.invoice(id(e), caller(e)))));
        from("direct:crm-dispatch").routeId("crm-dispatch").process(e -> answer(e, 201, tree(documents.dispatch(id(e), caller(e)))));
        from("direct:crm-document-cancel").routeId("crm-document-cancel").process(e -> answer(e, 200, tree(documents.cancel(id(e),
                caller(e)))));

        rest("/crm/tasks").description("Work for staff, from staff or from routes")
                .post().id("api-crm-task-create").consumes(JSON).produces(JSON).type(Tasks.NewTask.class).outType(Tasks.Task.class)
                .description("{title, kind? (follow-up), assignee? | role? (expert), memberId?, reference?, dueAt?}")
                .to("direct:crm-task-create")
                .get().id("api-crm-tasks").produces(JSON).outType(Tasks.Task[].class)
                .description("Tasks, soonest due first: ?status=open|done|cancelled, ?assignee= (theirs and their roles'), ?memberId=,"
                        + " ?limit=1..500 (50)")
                .param().name("status").type(RestParamType.query).required(false).endParam()
                .param().name("assignee").type(RestParamType.query).required(false).endParam()
                .param().name("memberId").type(RestParamType.query).required(false).endParam()
                .param().name("limit").type(RestParamType.query).required(false).endParam()
                .to("direct:crm-tasks")
                .get("/{id}").id("api-crm-task").produces(JSON).outType(Tasks.Task.class).description("One task").to("direct:crm-task")
                .post("/{id}/complete").id("api-crm-task-complete").consumes(JSON).produces(JSON).outType(Tasks.Task.class)
                .description("{outcome, note?}: done; publishes crm.task.completed (a verification call's verified or rejected goes to"
                        + " the club member by routes/crm-verification.camel.yaml)")
                .to("direct:crm-task-complete");

        from("direct:crm-task-create").routeId("crm-task-create").process(e -> {
            Tasks.Task task = tasks.create(Tasks.NewTask.read(jsonBody(e)), e.getMessage().getHeader(RestHeaders.API_KEY_NAME, String.class));
            e.getMessage().setHeader("Location", "/api/crm/tasks/" + task.id());
            answer(e, 201, tree(task));
        });
        from("direct:crm-tasks").routeId("crm-tasks").process(e -> answer(e, 200, tree(tasks.list(query(e, "status"), query(e, "assignee"),
                query(e, "memberId"), RestJson.number("limit", query(e, "limit"), 50, 1, 500)))));
        from("direct:crm-task").routeId("crm-task").process(e -> answer(e, 200, tree(tasks.get(id(e))
                .orElseThrow(() -> Problem.notFound("No task " + id(e))))));
        from("direct:crm-task-complete").routeId("crm-task-complete").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("outcome", "note"));
            answer(e, 200, tree(tasks.complete(id(e), f.text("outcome", true, 60), f.text("note", false, 2000),
                    e.getMessage().getHeader(RestHeaders.API_KEY_NAME, String.class))));
        });
        from("direct:crm-customer-find").routeId("crm-customer-find").process(e -> answer(e, 200, tree(customers.find(null,
                query(e, "memberId"), query(e, "mobile")).orElseThrow(() -> Problem.notFound("No such customer")))));
        from("direct:crm-customer").routeId("crm-customer").process(e -> answer(e, 200, tree(customers.get(id(e))
                .orElseThrow(() -> Problem.notFound("No customer " + id(e))))));
        from("direct:crm-timeline").routeId("crm-timeline").process(e -> {
            String before = query(e, "before");
            Long cursor;
            try {
                cursor = before == null ? null : Long.valueOf(before);
            } catch (NumberFormatException bad) {
                throw Problem.invalidField("before", "before is the next value of the previous page");
            }
            answer(e, 200, tree(timeline.page(id(e), query(e, "kind"), cursor, RestJson.number("limit", query(e, "limit"), 50, 1, 200))));
        });
        from("direct:crm-staff-add").routeId("crm-staff-add").process(e -> {
            Staff.Person person = staff.add(Staff.NewPerson.read(jsonBody(e)));
            e.getMessage().setHeader("Location", "/api/crm/staff/" + person.id());
            answer(e, 201, tree(person));
        });
        from("direct:crm-staff").routeId("crm-staff").process(e -> answer(e, 200, tree(staff.list())));
        from("direct:crm-staff-one").routeId("crm-staff-one").process(e -> answer(e, 200, tree(staff.get(id(e))
                .orElseThrow(() -> Problem.notFound("No member of staff " + id(e))))));
        from("direct:crm-staff-duty").routeId("crm-staff-duty").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("onDuty"));
            if (!f.has("onDuty")) {
                throw Problem.invalidField("onDuty", "onDuty is true or false");
            }
            answer(e, 200, tree(staff.onDuty(id(e), f.flag("onDuty", true))));
        });
        from("direct:crm-ticket-file").routeId("crm-ticket-file").process(e -> {
            Tickets.Ticket ticket = tickets.file(Tickets.NewTicket.read(jsonBody(e)),
                    e.getMessage().getHeader(RestHeaders.API_KEY_NAME, String.class));
            e.getMessage().setHeader("Location", "/api/crm/tickets/" + ticket.id());
            answer(e, 201, tree(ticket));
        });
        from("direct:crm-tickets").routeId("crm-tickets").process(e -> answer(e, 200, tree(tickets.list(query(e, "status"),
                query(e, "expertId"), query(e, "customerId"), RestJson.number("limit", query(e, "limit"), 50, 1, 500)))));
        from("direct:crm-ticket-status").routeId("crm-ticket-status").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("status"));
            answer(e, 200, tree(tickets.changeStatus(id(e), f.text("status", true, 30), e.getMessage().getHeader(RestHeaders.API_KEY_NAME,
                    String.class))));
        });
        from("direct:crm-ticket-reply").routeId("crm-ticket-reply").process(e -> {
            Fields f = new Fields(jsonBody(e), Set.of("text", "kind"));
            String kind = java.util.Optional.ofNullable(f.text("kind", false, 10)).orElse("staff");
            if (kind.equals("customer")) {
                throw Problem.invalidField("kind", "staff reply as staff or write a note; customers reply from the member API");
            }
            answer(e, 201, tree(tickets.reply(id(e), kind, f.text("text", true, 4000), e.getMessage().getHeader(RestHeaders.API_KEY_NAME,
                    String.class))));
        });
        from("direct:crm-ticket-replies").routeId("crm-ticket-replies").process(e -> answer(e, 200, tree(tickets.replies(id(e)))));
        from("direct:crm-ticket-escalate").routeId("crm-ticket-escalate").process(e -> answer(e, 200, tree(tickets.escalate(id(e),
                e.getMessage().getHeader(org.vafa.api.rest.RestHeaders.API_KEY_NAME, String.class)))));
        from("direct:crm-ticket").routeId("crm-ticket").process(e -> answer(e, 200, tree(tickets.get(id(e))
                .orElseThrow(() -> Problem.notFound("No ticket " + id(e))))));
    }

    private static java.time.Instant instant(Exchange e, String name, java.time.Instant fallback) {
        String text = query(e, name);
        try {
            return text == null ? fallback : java.time.Instant.parse(text);
        } catch (java.time.format.DateTimeParseException bad) {
            throw Problem.invalidField(name, name + " is an ISO instant such as 2026-12-01T00:00:00Z");
        }
    }

    private static String caller(Exchange e) {
        return e.getMessage().getHeader(RestHeaders.API_KEY_NAME, String.class);
    }

    private static String id(Exchange e) {
        return e.getMessage().getHeader("id", String.class);
    }

    private static String query(Exchange e, String name) {
        return e.getMessage().getHeader(name, String.class);
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(Object value) {
        return RestJson.MAPPER.valueToTree(value);
    }
}
