package org.vafa.core.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.channels.TextChannel;
import org.vafa.api.contacts.Contact;
import org.vafa.api.contacts.ContactSource;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.rest.Problem;
import org.vafa.core.Standalone;
import org.vafa.core.contacts.ContactDirectory;
import org.vafa.core.db.TestDatabases;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.locale.VafaLocale;
import org.vafa.core.rest.RateLimits;

/** A member's sign-in by a one-time code, on both databases: the texts a channel was handed are the codes typed back. */
class MemberSignInTest {
    private static final String SARA = "6b1c2f4e-0000-4000-8000-000000000001";

    private record Sent(String reference, String type, Map<String, Object> data) {
    }

    private static final class Texts implements TextChannel {
        final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public String send(String reference, String type, Map<String, Object> data, String dedupKey) {
            sent.add(new Sent(reference, type, data));
            return "m" + sent.size();
        }

        String lastCode() {
            return (String) sent.get(sent.size() - 1).data().get("code");
        }
    }

    private static MemberSignIn signIn(HikariDataSource db, String vendor, Texts texts, Map<String, Object> settings) throws Exception {
        VafaDatabase.migrate(db, "core", MemberSignInTest.class.getClassLoader());
        Database database = Standalone.database(db, vendor);
        ContactDirectory contacts = new ContactDirectory(VafaLocale.defaults());
        contacts.addSource(new ContactSource() {
            @Override
            public Optional<Contact> find(String id) {
                return Optional.empty();
            }

            @Override
            public Optional<Contact> findByMobile(String e164) {
                return e164.equals("+989121234567") ? Optional.of(new Contact("member:" + SARA, e164, null, "fa", true, false, Map.of()))
                        : Optional.empty();
            }
        }, Map.of(ContactSource.KIND, "member"));
        MemberSignIn signIn = new MemberSignIn(database, contacts, VafaLocale.defaults(), Standalone.configured(SignInConfig.class, settings));
        signIn.setTexts(texts);
        return signIn;
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void theCodeTextedToTheMemberOpensASessionOnceAndWrongCodesRunOut(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Texts texts = new Texts();
            MemberSignIn signIn = signIn(db, vendor, texts, Map.of("resendSeconds", 0, "attempts", 3));

            // typed the usual way, Persian digits and all
            assertThat(signIn.requestCode("۰۹۱۲ ۱۲۳ ۴۵۶۷", "10.0.0.1").expiresInSeconds()).isEqualTo(120);
            assertThat(texts.sent).singleElement().satisfies(s -> {
                assertThat(s.reference()).isEqualTo("member:" + SARA);
                assertThat(s.type()).isEqualTo("verification-code");
                assertThat((String) s.data().get("code")).matches("[0-9]{6}");
            });
            String code = texts.lastCode();
            // only hashes are kept
            assertThat(Sql.maps(db.getConnection(), "SELECT * FROM vafa_sign_in_code").toString()).doesNotContain(code, "+989121234567");

            String wrong = code.equals("000000") ? "111111" : "000000";
            assertThatThrownBy(() -> signIn.verify("09121234567", wrong)).isInstanceOfSatisfying(Problem.class, p -> {
                assertThat(p.status()).isEqualTo(401);
                assertThat(p.field()).isEqualTo("code");
                assertThat(p.getMessage()).contains("2 attempts left");
            });
            MemberSignIn.Session session = signIn.verify("+989121234567", toPersian(code));
            assertThat(session.memberId()).isEqualTo(SARA);
            assertThat(signIn.authenticate(session.token())).contains(SARA);
            assertThat(Sql.maps(db.getConnection(), "SELECT * FROM vafa_member_session").toString()).doesNotContain(session.token());
            // a code opens one session
            assertThatThrownBy(() -> signIn.verify("09121234567", code)).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.getMessage()).contains("ask for a new one"));

            // a new code, and three wrong tries: it is void, even the right one is refused after
            signIn.requestCode("09121234567", "10.0.0.1");
            String second = texts.lastCode();
            String bad = second.equals("123456") ? "654321" : "123456";
            assertThatThrownBy(() -> signIn.verify("09121234567", bad)).hasMessageContaining("2 attempts left");
            assertThatThrownBy(() -> signIn.verify("09121234567", bad)).hasMessageContaining("1 attempts left");
            assertThatThrownBy(() -> signIn.verify("09121234567", bad)).isInstanceOf(RateLimits.TooManyRequests.class);
            assertThatThrownBy(() -> signIn.verify("09121234567", second)).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.status()).isEqualTo(401));

            // a code past its two minutes opens nothing (its expiry moved back here rather than waited for)
            signIn.requestCode("09121234567", "10.0.0.1");
            String stale = texts.lastCode();
            Standalone.database(db, vendor).inTransaction(tx -> Sql.update(tx, "UPDATE vafa_sign_in_code SET expires_at = ?",
                    java.time.Instant.now().minusSeconds(1)));
            assertThatThrownBy(() -> signIn.verify("09121234567", stale)).isInstanceOfSatisfying(Problem.class, p -> {
                assertThat(p.status()).isEqualTo(401);
                assertThat(p.getMessage()).contains("expired");
            });

            // signed out, and forgotten on erasure
            MemberSignIn.Session another = codeAndVerify(signIn, texts);
            signIn.signOut(org.vafa.api.crypto.Sha256.hex(another.token()));
            assertThat(signIn.authenticate(another.token())).isEmpty();
            MemberSignIn.Session third = codeAndVerify(signIn, texts);
            Standalone.database(db, vendor).inTransaction(tx -> MemberSignIn.forget(tx, SARA));
            assertThat(signIn.authenticate(third.token())).isEmpty();
            assertThat(signIn.authenticate(session.token())).isEmpty();
            assertThat(signIn.authenticate("vafa_not-a-member-token")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aNumberThatIsNoMembersGetsTheSameAnswerAndNoTextAndTheLimitsHold(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Texts texts = new Texts();
            MemberSignIn signIn = signIn(db, vendor, texts, Map.of("codesPerHour", 2, "resendSeconds", 60));

            MemberSignIn.CodeSent stranger = signIn.requestCode("09350000000", "10.0.0.2");
            MemberSignIn.CodeSent member = signIn.requestCode("09121234567", "10.0.0.2");
            assertThat(stranger).isEqualTo(member);
            assertThat(texts.sent).hasSize(1);
            // whatever a stranger types opens nothing
            assertThatThrownBy(() -> signIn.verify("09350000000", "123456")).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.status()).isEqualTo(401));

            // resend waits: a second code within a minute is refused with when to ask again
            assertThatThrownBy(() -> signIn.requestCode("09121234567", "10.0.0.2")).isInstanceOfSatisfying(RateLimits.TooManyRequests.class,
                    p -> assertThat(p.retryAfterSeconds()).isBetween(1L, 60L));
            assertThat(texts.sent).hasSize(1);
            // an hour's budget: with the resend delay passed (moved back here), the third code of the hour is refused
            Standalone.database(db, vendor).inTransaction(tx -> Sql.update(tx, "UPDATE vafa_sign_in_code SET sent_at = ?",
                    java.time.Instant.now().minusSeconds(61)));
            signIn.requestCode("09121234567", "10.0.0.2");
            Standalone.database(db, vendor).inTransaction(tx -> Sql.update(tx, "UPDATE vafa_sign_in_code SET sent_at = ?",
                    java.time.Instant.now().minusSeconds(61)));
            assertThatThrownBy(() -> signIn.requestCode("09121234567", "10.0.0.2")).isInstanceOfSatisfying(RateLimits.TooManyRequests.class,
                    p -> assertThat(p.getMessage()).contains("2 codes this hour"));
            assertThat(texts.sent).hasSize(2);

            assertThatThrownBy(() -> signIn.requestCode("not a number", "10.0.0.2")).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.field()).isEqualTo("mobile"));
            assertThatThrownBy(() -> signIn.verify("09121234567", "12ab")).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.field()).isEqualTo("code"));
        }
    }

    private static MemberSignIn.Session codeAndVerify(MemberSignIn signIn, Texts texts) {
        signIn.requestCode("09121234567", "10.0.0.1");
        return signIn.verify("09121234567", texts.lastCode());
    }

    private static String toPersian(String digits) {
        StringBuilder out = new StringBuilder();
        digits.chars().forEach(c -> out.append((char) ('۰' + (c - '0'))));
        return out.toString();
    }
}
