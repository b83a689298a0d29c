package io.mirrormaestro.api.backup;

import io.mirrormaestro.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Backup download and restore upload over HTTP, as a script would do them: the archive is bytes, not JSON. */
final class BackupClient {

    static final String PASSPHRASE_HEADER = "X-Backup-Passphrase";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;
    private final String authorization;

    BackupClient(int port, String user, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = ApiClient.basic(user, password);
    }

    /** {@code POST /api/backup}; the archive on 200, else the problem's bytes. */
    HttpResponse<byte[]> download(String passphrase) {
        String body =
                ApiClient.JSON.createObjectNode().put("passphrase", passphrase).toString();
        return send(HttpRequest.newBuilder(URI.create(base + "/api/backup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** {@code POST /api/backup/restore}: a dry run unless {@code dryRun} is false. */
    Answer restore(byte[] archive, String passphrase, boolean dryRun) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/backup/restore?dry_run=" + dryRun))
                .header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(archive));
        if (passphrase != null) {
            request.header(
                    PASSPHRASE_HEADER,
                    URLEncoder.encode(passphrase, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        HttpResponse<byte[]> response = send(request);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        return new Answer(response.statusCode(), text.isBlank() ? null : ApiClient.JSON.readTree(text), text);
    }

    record Answer(int status, JsonNode body, String text) {}

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            request.header("Authorization", authorization).timeout(Duration.ofSeconds(120));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
