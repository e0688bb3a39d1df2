package org.urbis.notify.internal.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.urbis.notify.internal.config.Channel;

/**
 * POSTs the message's JSON body. The header {@value #SIGNATURE} carries {@code sha256=<hex>}, the
 * HMAC-SHA256 of the exact body bytes under the channel's secret, so the receiver can check that
 * the platform sent it and nobody changed it.
 */
public final class WebhookSender implements Sender {

    public static final String SIGNATURE = "X-Urbis-Signature";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public String send(Channel channel, Message message) throws DeliveryException {
        Channel.Webhook hook = (Channel.Webhook) channel;
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(message.json());
        } catch (JsonProcessingException e) {
            throw new DeliveryException("the message is not JSON: " + e.getOriginalMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(hook.url())
                .timeout(hook.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(SIGNATURE, "sha256=" + hmac(hook.secret(), body))
                .header("X-Urbis-Delivery", message.id())
                .header("X-Urbis-Event", message.event())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DeliveryException("POST " + hook.url() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("POST " + hook.url() + ": interrupted", e);
        }
        String answer = response.body() == null ? "" : response.body().strip();
        answer = answer.length() > 200 ? answer.substring(0, 200) + "…" : answer;
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryException("POST " + hook.url() + " answered HTTP " + response.statusCode()
                    + (answer.isEmpty() ? "" : ": " + answer));
        }
        return "HTTP " + response.statusCode() + " from " + hook.url();
    }

    /** Hex HMAC-SHA256 of the body under the secret. */
    public static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from the JVM", e);
        }
    }
}
