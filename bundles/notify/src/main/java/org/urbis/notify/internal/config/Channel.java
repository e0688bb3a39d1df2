package org.urbis.notify.internal.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Where notifications go: an e-mail account or a webhook. */
public sealed interface Channel {

    String name();

    /** The platform alarm type raised when this channel cannot deliver. */
    String failureAlarm();

    /**
     * E-mail through an SMTP server.
     *
     * @param starttls upgrade the connection with STARTTLS (required when set)
     * @param username empty: no authentication
     */
    record Email(
            String name,
            String host,
            int port,
            String from,
            List<String> to,
            boolean starttls,
            String username,
            String password,
            Duration timeout)
            implements Channel {

        @Override
        public String failureAlarm() {
            return "SMTP_UNREACHABLE";
        }
    }

    /**
     * An HTTP POST of a JSON body, signed with HMAC-SHA256 of the body under {@code secret}.
     */
    record Webhook(String name, URI url, String secret, Duration timeout) implements Channel {

        @Override
        public String failureAlarm() {
            return "WEBHOOK_FAILED";
        }
    }
}
