package io.mirrormaestro.api.notification;

import io.mirrormaestro.common.crypto.TokenCipher;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends a message as plain-text email through the channel's SMTP server (Spring's {@link JavaMailSenderImpl}). */
@Component
class EmailSender {

    private final TokenCipher cipher;
    private final Channels channels;
    private final NotifySettings settings;

    EmailSender(TokenCipher cipher, Channels channels, NotifySettings settings) {
        this.cipher = cipher;
        this.channels = channels;
        this.settings = settings;
    }

    Integer send(ChannelRecord channel, Message message) throws Attempt.Failure {
        ChannelRecord.Email email = channel.email();
        var refused = channels.refused(email.host());
        if (refused.isPresent()) {
            throw new Attempt.Failure("refused: " + refused.get(), null, false);
        }
        JavaMailSenderImpl sender = sender(email);
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
            helper.setFrom(email.sender());
            helper.setTo(email.recipients().toArray(String[]::new));
            helper.setSubject(message.subject());
            helper.setText(message.text());
            mime.setHeader("X-MirrorMaestro-Delivery", message.deliveryId());
            sender.send(mime);
            return 250;
        } catch (MessagingException | MailParseException e) {
            throw new Attempt.Failure("message could not be built: " + e.getMessage(), null, false);
        } catch (MailAuthenticationException e) {
            throw new Attempt.Failure("SMTP authentication failed", 535, false);
        } catch (MailException e) {
            Integer code = replyCode(e);
            boolean permanent = code != null && code >= 500;
            throw new Attempt.Failure("SMTP delivery failed: " + rootMessage(e), code, !permanent);
        }
    }

    private JavaMailSenderImpl sender(ChannelRecord.Email email) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(email.host());
        sender.setPort(email.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        boolean ssl = "ssl".equals(email.tls());
        sender.setProtocol(ssl ? "smtps" : "smtp");
        String prefix = ssl ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        String millis = Long.toString(settings.timeout().toMillis());
        props.put(prefix + "connectiontimeout", millis);
        props.put(prefix + "timeout", millis);
        props.put(prefix + "writetimeout", millis);
        if ("starttls".equals(email.tls())) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (email.username() != null) {
            props.put(prefix + "auth", "true");
            sender.setUsername(email.username());
            sender.setPassword(cipher.decrypt(email.encryptedPassword()));
        }
        sender.setJavaMailProperties(props);
        return sender;
    }

    /** The SMTP server's reply code, when the mail library tells it. */
    private static Integer replyCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.mail.MailSendException send) {
                for (Exception failed : send.getFailedMessages().values()) {
                    Integer code = replyCode(failed);
                    if (code != null) {
                        return code;
                    }
                }
            }
            Integer own = smtpReturnCode(t);
            if (own != null) {
                return own;
            }
            if (t instanceof jakarta.mail.MessagingException m && m.getNextException() != null) {
                Integer next = replyCode(m.getNextException());
                if (next != null) {
                    return next;
                }
            }
        }
        return null;
    }

    /** Angus Mail's SMTP exceptions carry the reply code; read without compiling against the implementation. */
    private static Integer smtpReturnCode(Throwable t) {
        if (!t.getClass().getName().startsWith("org.eclipse.angus.mail.smtp.SMTP")) {
            return null;
        }
        try {
            Object code = t.getClass().getMethod("getReturnCode").invoke(t);
            return code instanceof Integer i && i > 0 ? i : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
