package org.vafa.email.transports;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.Properties;
import org.vafa.email.api.EmailTransport;

/** A mail as a MIME message: the HTML with its text alternative, then the attachments. */
final class MimeMail {
    private MimeMail() {
    }

    static MimeMessage of(EmailTransport.Mail m) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", "<" + m.id() + "@vafa>");
            }
        };
        mail.setFrom(new InternetAddress(m.from()));
        mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(m.to()));
        mail.setSubject(m.subject(), "UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(m.text(), "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setContent(m.html(), "text/html; charset=UTF-8");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        if (m.attachments().isEmpty()) {
            mail.setContent(alternative);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            for (EmailTransport.Attachment a : m.attachments()) {
                MimeBodyPart file = new MimeBodyPart();
                file.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
                file.setFileName(a.name());
                mixed.addBodyPart(file);
            }
            mail.setContent(mixed);
        }
        mail.saveChanges();
        return mail;
    }
}
