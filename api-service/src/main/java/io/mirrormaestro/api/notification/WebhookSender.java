package io.mirrormaestro.api.notification;

import io.mirrormaestro.common.crypto.TokenCipher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * POSTs a message as JSON. {@code X-MirrorMaestro-Signature: sha256=<hex>} is the HMAC-SHA256 of the exact body bytes
 * under the channel's secret (lower-case hex), {@code X-MirrorMaestro-Delivery} the delivery id (the same on every
 * retry). No redirects are followed; the address policy is checked again on every send.
 */
@Component
class WebhookSender {

    static final String SIGNATURE = "X-MirrorMaestro-Signature";
    static final String DELIVERY = "X-MirrorMaestro-Delivery";

    private final TokenCipher cipher;
    private final Channels channels;
    private final NotifySettings settings;
    private final ObjectMapper json;
    private final HttpClient http;

    WebhookSender(TokenCipher cipher, Channels channels, NotifySettings settings, ObjectMapper json) {
        this.cipher = cipher;
        this.channels = channels;
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Integer send(ChannelRecord channel, Message message) throws Attempt.Failure {
        URI url = URI.create(channel.webhook().url());
        var refused = channels.refused(url.getHost());
        if (refused.isPresent()) {
            throw new Attempt.Failure("refused: " + refused.get(), null, false);
        }
        byte[] body = json.writeValueAsBytes(message.body());
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "MirrorMaestro")
                .header(DELIVERY, message.deliveryId())
                .header(SIGNATURE, signature(cipher.decrypt(channel.webhook().encryptedSecret()), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new Attempt.Failure(
                    "webhook not reachable: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    null,
                    true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Attempt.Failure("interrupted", null, false);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return status;
        }
        throw new Attempt.Failure(
                "webhook answered " + status, status, status >= 500 || status == 429 || status == 408);
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of the body under the secret. */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
