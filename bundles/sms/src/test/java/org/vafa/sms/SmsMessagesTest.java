package org.vafa.sms;

import org.vafa.club.members.Registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.db.Database;
import org.vafa.api.events.EventHeaders;
import org.vafa.api.rest.Problem;
import org.vafa.api.contacts.ContactSource;
import org.vafa.club.ClubTestWiring;
import org.vafa.club.contacts.MemberContacts;
import org.vafa.core.contacts.ContactDirectory;
import org.vafa.core.locale.VafaLocale;
import org.vafa.core.Standalone;
import org.vafa.core.db.TestDatabases;
import org.vafa.core.db.VafaDatabase;
import org.vafa.sms.api.SmsGateway;
import org.vafa.sms.gateways.DevGateway;
import org.vafa.sms.messages.QuietHours;
import org.vafa.sms.messages.SmsDispatcher;
import org.vafa.sms.messages.SmsMessages;
import org.vafa.sms.messages.SmsText;
import org.vafa.templates.LiveTemplates;

/** The outbox with the real club and the shipped templates, on both databases. */
class SmsMessagesTest {
    private static final Path SHIPPED = Path.of("src/main/resources/templates/sms");

    @TempDir
    Path temp;

    private record Setup(ClubTestWiring club, SmsMessages messages, SmsDispatcher dispatcher, Path outbox, ContactDirectory contacts) {
    }

    private Setup setup(HikariDataSource db, SmsMessages.Settings settings) throws Exception {
        ClubTestWiring club = ClubTestWiring.of(db);
        VafaDatabase.migrate(db, "sms", getClass().getClassLoader());
        Database database = Standalone.database(db, "test");
        Path templates = Files.createDirectories(temp.resolve("templates"));
        try (var files = Files.list(SHIPPED)) {
            for (Path f : files.toList()) {
                Files.copy(f, templates.resolve(f.getFileName()));
            }
        }
        ContactDirectory contacts = contacts(club);
        SmsMessages messages = new SmsMessages(database, Standalone.eventLog(db), new LiveTemplates(templates), contacts,
                VafaLocale.defaults(), settings);
        SmsDispatcher dispatcher = new SmsDispatcher(database, messages);
        Path outbox = temp.resolve("outbox.txt");
        dispatcher.addGateway(new DevGateway(outbox), Map.of("gateway", "dev"));
        return new Setup(club, messages, dispatcher, outbox, contacts);
    }

    /** The platform's directory with the club's members in it, as on the server. */
    static ContactDirectory contacts(ClubTestWiring club) {
        ContactDirectory contacts = new ContactDirectory(VafaLocale.defaults());
        contacts.addSource(new MemberContacts(club.checkout()), Map.of(ContactSource.KIND, "member"));
        return contacts;
    }

    private static SmsMessages.Settings settings(String gateway, String quietHours) {
        return SmsMessages.Settings.of(Standalone.defaults(SmsConfig.class), VafaLocale.defaults()).withGatewayAndQuiet(gateway,
                QuietHours.parse(quietHours, ZoneId.of("Asia/Tehran")));
    }

    private static Exchange event(String id, String type, Map<String, Object> data) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getMessage().setHeader(EventHeaders.ID, id);
        e.getMessage().setHeader(SmsMessages.TYPE_HEADER, type);
        e.getMessage().setBody(data);
        return e;
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aMembersMessageIsRenderedInPersianQueuedOncePerEventAndSent(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Setup s = setup(db, settings("dev", ""));
            String sara = s.club().members().register(Registration.read(org.vafa.club.members.MemberJson.MAPPER.readTree(
                    "{\"firstName\": \"سارا\", \"lastName\": \"احمدی\", \"mobile\": \"09121234567\", \"consents\": {\"sms\": true}}"))).id();
            SmsMessages.Message welcome = s.messages().sendToMember(event("e1", "welcome", Map.of("memberId", sara)));
            assertThat(welcome.status()).isEqualTo("QUEUED");
            assertThat(welcome.body()).startsWith("سارا عزیز").contains("6104");
            assertThat(welcome.encoding()).isEqualTo("UCS2");
            assertThat(s.messages().sendToMember(event("e1", "welcome", Map.of("memberId", sara))).id()).as("the event redelivered")
                    .isEqualTo(welcome.id());
            assertThat(s.dispatcher().dispatchDue(Instant.now())).isEqualTo(1);
            assertThat(s.dispatcher().dispatchDue(Instant.now())).isZero();
            assertThat(Files.readString(s.outbox(), StandardCharsets.UTF_8)).contains("+989121234567").contains("سارا عزیز");
            assertThat(s.messages().box(sara, null, null, 10)).extracting(SmsMessages.Message::status).containsExactly("SENT");
            assertThat(new DevGateway(s.outbox()).recall(welcome.id())).as("the dev file tells what it wrote")
                    .isEqualTo(SmsGateway.Recall.sent("dev-" + welcome.id()));
            assertThat(new DevGateway(s.outbox()).recall("another").knowledge()).isEqualTo(SmsGateway.Knowledge.NOT_SENT);

            Map<String, Object> sale = Map.of("memberId", sara, "pointsEarned", 120, "pointsBalance", 420);
            assertThat(s.messages().sendToMember(event("e2", "points-earned", sale)).body()).contains("120").contains("420");
            assertThat(s.messages().sendToMember(event("e3", "birthday", Map.of("memberId", sara, "points", 50))).status())
                    .as("she consented to marketing").isEqualTo("QUEUED");

            // a route that asks for a day's delay (a survey after the sale): queued, not sent before then
            s.dispatcher().dispatchDue(Instant.now());
            Exchange later = event("e4", "welcome", Map.of("memberId", sara));
            later.getMessage().setHeader(SmsMessages.DELAY_HEADER, "PT24H");
            SmsMessages.Message tomorrow = s.messages().sendToMember(later);
            assertThat(tomorrow.nextAttemptAt()).isBetween(Instant.now().plusSeconds(86_000), Instant.now().plusSeconds(86_500));
            assertThat(s.dispatcher().dispatchDue(Instant.now())).isZero();
            assertThat(s.dispatcher().dispatchDue(Instant.now().plusSeconds(86_500))).isEqualTo(1);
            Exchange wrong = event("e5", "welcome", Map.of("memberId", sara));
            wrong.getMessage().setHeader(SmsMessages.DELAY_HEADER, "tomorrow");
            assertThatThrownBy(() -> s.messages().sendToMember(wrong)).hasMessageContaining("PT24H");
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void stopOptsOutConsentGatesMarketingAndQuietHoursHoldMessages(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            java.time.LocalTime now = java.time.LocalTime.now(ZoneId.of("Asia/Tehran"));
            java.time.format.DateTimeFormatter hhmm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
            Setup s = setup(db, settings("dev", now.minusHours(1).format(hhmm) + "-" + now.plusHours(1).format(hhmm)));
            String ali = s.club().member("09121234567"); // no SMS consent
            assertThat(s.messages().sendToMember(event("e1", "birthday", Map.of("memberId", ali, "points", 50))).reason())
                    .isEqualTo("no consent to marketing SMS");
            SmsMessages.Message held = s.messages().sendToMember(event("e2", "welcome", Map.of("memberId", ali)));
            assertThat(held.nextAttemptAt()).as("held until the quiet hours end").isAfter(Instant.now());
            assertThat(s.dispatcher().dispatchDue(Instant.now())).isZero();
            assertThat(s.dispatcher().dispatchDue(held.nextAttemptAt())).isEqualTo(1);

            // a text to staff about work (a ticket for them) goes at once, quiet hours or not
            Files.writeString(temp.resolve("templates/ticket-filed.fa.ftl"), "تیکت ${data.number}");
            Exchange ticket = event("e9", "ticket-filed", Map.of("number", 7));
            ticket.getMessage().setHeader("VafaSmsTo", "tel:09351114455");
            assertThat(s.messages().sendTo(ticket).nextAttemptAt()).as("a raw number: held like any other").isAfter(Instant.now());
            s.contacts().addSource(id -> java.util.Optional.of(new org.vafa.api.contacts.Contact("staff:" + id, "+989351114455", null, "fa",
                    true, true, Map.of("name", "مینا"))), Map.of(ContactSource.KIND, "staff"));
            Exchange toStaff = event("e10", "ticket-filed", Map.of("number", 8));
            toStaff.getMessage().setHeader("VafaSmsTo", "staff:mina");
            assertThat(s.messages().sendTo(toStaff).nextAttemptAt()).isBeforeOrEqualTo(Instant.now());

            s.messages().received("dev", "۰۹۱۲۱۲۳۴۵۶۷", " لغو ");
            assertThat(s.messages().optedOut("+989121234567")).isTrue();
            assertThat(s.messages().sendToMember(event("e3", "points-earned", Map.of("memberId", ali, "points", 5,
                    "balance", Map.of("available", 5)))).status()).isEqualTo("SKIPPED");
            assertThat(s.messages().box(null, null, "09121234567", 10)).extracting(SmsMessages.Message::direction).contains("IN", "OUT");
            assertThat(s.club().events("sms.opted-out")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aGatewayDownIsRetriedWithBackoffAndARefusalIsParkedWithItsReason(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Setup s = setup(db, settings("flaky", ""));
            AtomicReference<SmsGateway.Result> next = new AtomicReference<>(SmsGateway.Result.retry("503 from the provider"));
            List<String> sent = new java.util.ArrayList<>();
            SmsGateway flaky = m -> {
                SmsGateway.Result r = next.get();
                if (r.outcome() == SmsGateway.Outcome.ACCEPTED) {
                    sent.add(m.id());
                }
                return r;
            };
            SmsMessages.Message m = s.messages().sendText("09121234567", "Test", null, "ops", null);
            assertThat(s.dispatcher().dispatchDue(Instant.now())).as("the gateway is not installed yet: waits").isZero();
            assertThat(s.messages().get(m.id()).orElseThrow().attempts()).isZero();
            s.dispatcher().addGateway(flaky, Map.of("gateway", "flaky"));
            s.dispatcher().dispatchDue(Instant.now());
            SmsMessages.Message retried = s.messages().get(m.id()).orElseThrow();
            assertThat(retried.attempts()).isEqualTo(1);
            assertThat(retried.reason()).contains("503");
            assertThat(s.dispatcher().dispatchDue(Instant.now())).as("not before the backoff").isZero();
            next.set(SmsGateway.Result.accepted("p-1"));
            assertThat(s.dispatcher().dispatchDue(Instant.now().plus(Duration.ofSeconds(6)))).isEqualTo(1);
            assertThat(sent).containsExactly(m.id());
            assertThat(s.messages().get(m.id()).orElseThrow().status()).isEqualTo("SENT");

            SmsMessages.Message bad = s.messages().sendText("09121234568", "Test", null, "ops", null);
            next.set(SmsGateway.Result.rejected("invalid sender line"));
            s.dispatcher().dispatchDue(Instant.now());
            SmsMessages.Message parked = s.messages().get(bad.id()).orElseThrow();
            assertThat(parked.status()).isEqualTo("PARKED");
            assertThat(parked.reason()).isEqualTo("invalid sender line");
            s.messages().delivered("flaky", "p-1", true, null);
            assertThat(s.messages().get(m.id()).orElseThrow().status()).isEqualTo("DELIVERED");
            assertThatThrownBy(() -> s.messages().sendText("021", "x", null, "ops", null))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("to"));
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aLongTextIsDeliveredWhenEveryPartIsAndFailedWhenOneFails(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Setup s = setup(db, settings("parts", ""));
            java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();
            s.dispatcher().addGateway(m -> SmsGateway.Result.acceptedParts(java.util.stream.IntStream.range(0, m.parts())
                    .mapToObj(i -> "p" + ids.incrementAndGet()).toList()), Map.of("gateway", "parts"));
            String longText = "۱۲۰ امتیاز به کارت باشگاه شما اضافه شد. ".repeat(4);
            String first = s.messages().sendText("09121234567", longText, null, "ops", null).id();
            assertThat(s.messages().get(first).orElseThrow().parts()).isEqualTo(3);
            s.dispatcher().dispatchDue(Instant.now());
            assertThat(s.messages().get(first).orElseThrow().gatewayMessageId()).isEqualTo("p1");
            s.messages().delivered("parts", "p3", true, "DELIVRD");
            s.messages().delivered("parts", "p1", true, "DELIVRD");
            assertThat(s.messages().get(first).orElseThrow().status()).as("a part still on its way").isEqualTo("SENT");
            s.messages().delivered("parts", "p2", true, "DELIVRD");
            assertThat(s.messages().get(first).orElseThrow().status()).isEqualTo("DELIVERED");
            s.messages().delivered("parts", "p2", true, "DELIVRD");
            assertThat(s.club().events("sms.delivered")).as("a repeated receipt changes nothing").isEqualTo(1);

            String second = s.messages().sendText("09121234568", longText, null, "ops", null).id();
            s.dispatcher().dispatchDue(Instant.now());
            s.messages().delivered("parts", "p4", true, "DELIVRD");
            s.messages().delivered("parts", "p5", false, "UNDELIV");
            SmsMessages.Message failed = s.messages().get(second).orElseThrow();
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.reason()).isEqualTo("UNDELIV");
            s.messages().delivered("parts", "p6", true, "DELIVRD");
            assertThat(s.messages().get(second).orElseThrow().status()).as("a lost part is not made good by the others").isEqualTo("FAILED");
        }
    }

    /** Thrown by a test gateway after it took a message: the server "stops" before the outcome is stored. */
    private static final class CutOff extends Error {
        private static final long serialVersionUID = 1L;
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aSendCutOffIsAskedAboutBeforeAnythingIsSentAgain(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Setup s = setup(db, settings("cut", ""));
            List<String> taken = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean cutOff = new java.util.concurrent.atomic.AtomicBoolean(true);
            AtomicReference<SmsGateway.Recall> answer = new AtomicReference<>(SmsGateway.Recall.askLater("gateway unreachable"));
            java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
            s.dispatcher().addGateway(new SmsGateway() {
                @Override
                public Result send(Outgoing m) {
                    taken.add(m.id());
                    if (cutOff.get()) {
                        throw new CutOff();
                    }
                    return Result.accepted("g-" + m.id());
                }

                @Override
                public Recall recall(String outboxId) {
                    asked.incrementAndGet();
                    return answer.get();
                }
            }, Map.of("gateway", "cut"));

            // the gateway took it, the outcome was never stored: nothing is sent again until the gateway is asked
            String first = s.messages().sendText("09121234567", "one", null, "ops", null).id();
            Instant t0 = Instant.now();
            assertThatThrownBy(() -> s.dispatcher().dispatchDue(t0)).isInstanceOf(CutOff.class);
            cutOff.set(false);
            assertThat(s.messages().get(first).orElseThrow().status()).isEqualTo("SENDING");
            s.dispatcher().dispatchDue(t0.plusSeconds(60));
            assertThat(asked).as("not in doubt while a send could still be under way").hasValue(0);
            Instant later = t0.plus(Duration.ofMinutes(3));
            s.dispatcher().dispatchDue(later);
            assertThat(s.messages().get(first).orElseThrow().reason()).contains("in doubt").contains("gateway unreachable");
            s.dispatcher().dispatchDue(later.plusSeconds(10));
            assertThat(asked).as("asked again only after a pause").hasValue(1);
            answer.set(SmsGateway.Recall.sent("g-9"));
            s.dispatcher().dispatchDue(later.plusSeconds(31));
            SmsMessages.Message settled = s.messages().get(first).orElseThrow();
            assertThat(settled.status()).isEqualTo("SENT");
            assertThat(settled.gatewayMessageId()).isEqualTo("g-9");
            assertThat(taken).as("never sent twice").containsExactly(first);

            // the gateway never had it: sent again, once
            cutOff.set(true);
            String second = s.messages().sendText("09121234568", "two", null, "ops", null).id();
            assertThatThrownBy(() -> s.dispatcher().dispatchDue(Instant.now())).isInstanceOf(CutOff.class);
            cutOff.set(false);
            answer.set(SmsGateway.Recall.notSent());
            s.dispatcher().dispatchDue(later);
            s.dispatcher().dispatchDue(later);
            assertThat(s.messages().get(second).orElseThrow().status()).isEqualTo("SENT");
            assertThat(taken).containsExactly(first, second, second);

            // it cannot tell: parked as in doubt for an operator, who retries it
            cutOff.set(true);
            String third = s.messages().sendText("09121234569", "three", null, "ops", null).id();
            assertThatThrownBy(() -> s.dispatcher().dispatchDue(Instant.now())).isInstanceOf(CutOff.class);
            cutOff.set(false);
            answer.set(SmsGateway.Recall.cannotTell("SMPP has no way to ask"));
            s.dispatcher().dispatchDue(later);
            SmsMessages.Message parked = s.messages().get(third).orElseThrow();
            assertThat(parked.status()).isEqualTo("PARKED");
            assertThat(parked.reason()).contains("in doubt, not sent again").contains("SMPP has no way to ask");
            assertThat(taken).as("not sent again by itself").containsOnlyOnce(third);
            assertThat(s.dispatcher().retry(third)).isTrue();
            s.dispatcher().dispatchDue(later);
            assertThat(s.messages().get(third).orElseThrow().status()).isEqualTo("SENT");
        }
    }

    @Test
    void aBrokenTemplateIsRefusedAndTheLastGoodOneServes() throws Exception {
        LiveTemplates templates = new LiveTemplates(temp);
        templates.save("hello", "fa", "سلام ${data.name}", Map.of());
        assertThat(templates.render("hello", "fa", Map.of("data", Map.of("name", "مینا")))).isEqualTo("سلام مینا");
        assertThatThrownBy(() -> templates.save("hello", "fa", "سلام ${data.name", Map.of()))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.getMessage()).contains("Line 1"));
        Files.writeString(temp.resolve("hello.fa.ftl"), "<#if>broken");
        Files.setLastModifiedTime(temp.resolve("hello.fa.ftl"), java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(templates.render("hello", "fa", Map.of("data", Map.of("name", "مینا")))).as("the old one goes on").isEqualTo("سلام مینا");
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void anOutcomeSettlesOnlyAMessageStillBeingSent(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Setup s = setup(db, settings("slow", ""));
            SmsMessages.Message m = s.messages().sendText("09120000001", "hello", null, "desk", "k1");
            // while the gateway takes its time, the message is settled elsewhere (the in-doubt check parked it)
            s.dispatcher().addGateway(new SmsGateway() {
                @Override
                public Result send(Outgoing out) {
                    try (java.sql.Connection c = db.getConnection()) {
                        c.createStatement().executeUpdate("UPDATE sms_message SET status = 'PARKED' WHERE id = '" + out.id() + "'");
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    return Result.accepted("late-1");
                }
            }, Map.of("gateway", "slow"));
            s.dispatcher().dispatchDue(Instant.now());
            assertThat(s.messages().get(m.id()).orElseThrow().status()).as("the late outcome does not settle it again").isEqualTo("PARKED");
            assertThat(s.club().events("sms.sent")).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aRateBelowOneMessageATickIsHonoured(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            SmsMessages.Settings d = settings("dev", "");
            Setup s = setup(db, new SmsMessages.Settings(d.gateway(), d.senderLines(), d.marketing(), d.urgent(), d.quiet(), d.language(), 2,
                    d.maxBackoffSeconds(), d.maxAttempts()));
            for (int i = 0; i < 6; i++) {
                s.messages().sendText("0912000000" + i, "hello " + i, null, "desk", "k" + i);
            }
            int sent = 0;
            for (int tick = 0; tick < 5; tick++) { // five ticks of the dispatcher, well within one second
                sent += s.dispatcher().dispatchDue(Instant.now());
            }
            assertThat(sent).as("2 a second, not one a tick (5 a second)").isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void messagesWithoutAFinalStatusDoNotKeepNewerOnesFromBeingAsked(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Setup s = setup(db, settings("dev", ""));
            for (int i = 0; i < 3; i++) {
                s.messages().sendText("0912000000" + i, "hello " + i, null, "desk", "k" + i);
            }
            assertThat(s.dispatcher().dispatchDue(Instant.now())).isEqualTo(3);
            java.util.Set<String> asked = new java.util.HashSet<>();
            for (int poll = 0; poll < 3; poll++) { // the provider never gives a final status for any of them
                List<String> ids = s.messages().awaitingReport("dev", 1);
                assertThat(ids).hasSize(1);
                asked.addAll(ids);
            }
            assertThat(asked).as("each is asked in turn").hasSize(3);
        }
    }

    @Test
    void persianTextIsUcs2In67CharacterPartsAndLatinIsGsmIn153() {
        assertThat(SmsText.of("a".repeat(160))).isEqualTo(new SmsText(false, 1, 160));
        assertThat(SmsText.of("a".repeat(161)).parts()).isEqualTo(2);
        assertThat(SmsText.of("س".repeat(70))).isEqualTo(new SmsText(true, 1, 70));
        assertThat(SmsText.of("س".repeat(71)).parts()).isEqualTo(2);
        assertThat(SmsText.of("س".repeat(135)).parts()).isEqualTo(3);
        assertThat(SmsText.of("{}").length()).as("extension characters count twice").isEqualTo(4);
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void anErasureClearsTextsAndNumbersAndKeepsTheOptOutAsAHash(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Setup s = setup(db, settings("dev", ""));
            String sara = s.club().members().register(Registration.read(org.vafa.club.members.MemberJson.MAPPER.readTree(
                    "{\"firstName\": \"سارا\", \"lastName\": \"احمدی\", \"mobile\": \"09121234567\", \"consents\": {\"sms\": true}}"))).id();
            s.messages().sendToMember(event("e1", "welcome", Map.of("memberId", sara)));
            s.dispatcher().dispatchDue(java.time.Instant.now());
            s.messages().received("dev", "+989121234567", "لغو");
            s.messages().sendToMember(event("e2", "welcome", Map.of("memberId", sara))); // skipped: opted out
            Database database = Standalone.database(db, "test");
            org.vafa.sms.personal.SmsPersonalData personal = new org.vafa.sms.personal.SmsPersonalData(database, new DevGateway(s.outbox()), () -> "sms");
            org.vafa.api.personal.Person person = new org.vafa.api.personal.Person(sara, List.of("+989121234567"), List.of());
            assertThat(personal.export(person).data().get("messages")).asList().hasSize(3);
            assertThat(Files.readString(s.outbox())).contains("+989121234567", "سارا");

            org.vafa.api.personal.PersonalData.Erased erased = personal.erase(person, "erasure-1");
            assertThat(erased.records()).isPositive();
            long traces = database.inTransaction(tx -> org.vafa.api.db.Sql.number(tx, "SELECT COUNT(*) FROM sms_message WHERE phone LIKE"
                    + " '%9121234567%' OR body LIKE '%سارا%' OR member_id = ?", sara));
            assertThat(traces).isZero();
            long optOuts = database.inTransaction(tx -> org.vafa.api.db.Sql.number(tx, "SELECT COUNT(*) FROM sms_opt_out"));
            assertThat(optOuts).isZero();
            assertThat(Files.readString(s.outbox())).doesNotContain("9121234567").doesNotContain("سارا").contains("[erased]");
            assertThat(s.messages().optedOut("+989121234567")).as("the hash still holds the opt-out").isTrue();
            assertThat(s.messages().optedOut("+989351112233")).isFalse();
            assertThat(personal.erase(person, "erasure-1").records()).as("again: nothing more").isZero();
        }
    }
}
