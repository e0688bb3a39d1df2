package org.urbis.notify.internal.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import org.urbis.notify.internal.config.Channel;

/** Sends e-mail with the JavaMail SMTP client. */
public final class EmailSender implements Sender {

    @Override
    public String send(Channel channel, Message message) throws DeliveryException {
        Channel.Email mail = (Channel.Email) channel;
        Properties p = new Properties();
        String timeout = Long.toString(mail.timeout().toMillis());
        p.put("mail.smtp.host", mail.host());
        p.put("mail.smtp.port", Integer.toString(mail.port()));
        p.put("mail.smtp.connectiontimeout", timeout);
        p.put("mail.smtp.timeout", timeout);
        p.put("mail.smtp.writetimeout", timeout);
        p.put("mail.smtp.starttls.enable", Boolean.toString(mail.starttls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(mail.starttls()));
        p.put("mail.smtp.auth", Boolean.toString(!mail.username().isEmpty()));
        // JavaMail finds its content handlers through the context class loader; in OSGi that must be its own bundle's.
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            Session session = Session.getInstance(p);
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(mail.from()));
            Address[] to = new Address[mail.to().size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(mail.to().get(i));
            }
            m.setRecipients(javax.mail.Message.RecipientType.TO, to);
            m.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            m.setText(message.text(), StandardCharsets.UTF_8.name());
            m.setSentDate(new Date());
            m.setHeader("X-Urbis-Delivery", message.id());
            if (mail.username().isEmpty()) {
                Transport.send(m);
            } else {
                Transport.send(m, mail.username(), mail.password());
            }
            return "accepted by " + mail.host() + ":" + mail.port() + " for " + String.join(", ", mail.to());
        } catch (AddressException e) {
            throw new DeliveryException("bad address: " + e.getMessage(), e);
        } catch (MessagingException e) {
            Throwable cause = e.getNextException() != null ? e.getNextException() : e.getCause();
            throw new DeliveryException(
                    "SMTP " + mail.host() + ":" + mail.port() + ": " + e.getMessage()
                            + (cause != null ? " (" + cause + ")" : ""),
                    e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
