package io.mirrormaestro.api.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.macasaet.fernet.Key;
import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.MirrorTokenRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.testing.ApiClient;
import io.mirrormaestro.testing.OriginalBackupFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Archives that cannot be moved over, written by this test in the shape of the original's backup (its files, then
 * one thing wrong): each is refused with a problem naming what is wrong, before GitLab is asked anything, and nothing
 * is written. The instance URLs of the backup point nowhere here, so an archive that got as far as GitLab would show.
 */
class ArchiveRefusalTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    static Stream<Arguments> badArchives() {
        Map<String, byte[]> good = OriginalBackupFixture.files(OriginalBackupFixture.archive());
        return Stream.of(
                Arguments.of(
                        "a wrong key",
                        tarGz(with(
                                good,
                                "encryption.key",
                                Key.generateKey().serialise().getBytes(StandardCharsets.US_ASCII))),
                        "encryption.key",
                        "does not decrypt the token of instance 1"),
                Arguments.of(
                        "a key that is no Fernet key",
                        tarGz(with(good, "encryption.key", "not-a-key".getBytes(StandardCharsets.US_ASCII))),
                        "encryption.key",
                        "is not a Fernet key"),
                Arguments.of(
                        "a truncated archive",
                        Arrays.copyOf(OriginalBackupFixture.archive(), OriginalBackupFixture.archive().length * 2 / 3),
                        "archive",
                        "truncated"),
                Arguments.of(
                        "an entry leading outside with ..",
                        tarGz(with(good, "../../etc/cron.d/evil", "x".getBytes(StandardCharsets.US_ASCII))),
                        "archive",
                        "'../../etc/cron.d/evil' leads outside the archive"),
                Arguments.of(
                        "an entry with an absolute path",
                        tarGz(with(good, "/tmp/evil", "x".getBytes(StandardCharsets.US_ASCII))),
                        "archive",
                        "'/tmp/evil' has an absolute path"),
                Arguments.of(
                        "database.json missing",
                        tarGz(without(good, "database.json")),
                        "database.json",
                        "missing from the archive"),
                Arguments.of(
                        "the key missing",
                        tarGz(without(good, "encryption.key")),
                        "encryption.key",
                        "missing from the archive"),
                Arguments.of(
                        "another backup version",
                        tarGz(with(
                                good,
                                "backup_metadata.json",
                                edit(good, "backup_metadata.json", s -> s.replace("\"2.1\"", "\"1.0\"")))),
                        "backup_metadata.json",
                        "version '1.0' is not supported"),
                Arguments.of(
                        "rows missing from a table",
                        tarGz(with(
                                good,
                                "backup_metadata.json",
                                edit(
                                        good,
                                        "backup_metadata.json",
                                        s -> s.replace("\"mirrors\": 40", "\"mirrors\": 41")))),
                        "database.json",
                        "holds 40 rows of 'mirrors' but backup_metadata.json counted 41"),
                Arguments.of(
                        "database.json that is not JSON",
                        tarGz(with(good, "database.json", "{\"gitlab_instances\": [".getBytes(StandardCharsets.UTF_8))),
                        "database.json",
                        "is not valid JSON"),
                Arguments.of(
                        "not a gzip file",
                        "just some text".getBytes(StandardCharsets.UTF_8),
                        "archive",
                        "not a gzip-compressed tar archive"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArchives")
    void isRefusedNamingWhatIsWrongAndNothingIsWritten(String what, byte[] archive, String field, String reason) {
        long before = stored();

        ApiClient.Response refused = new ApiClient(port, USER, PASSWORD)
                .post(
                        "/api/migrate/original?instance_url=" + "http://127.0.0.2:9211%3Dhttp://127.0.0.1:9",
                        "application/gzip", archive);

        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body().at("/errors/0/field").asString()).isEqualTo(field);
        assertThat(refused.body().at("/errors/0/message").asString()).contains(reason);
        assertThat(refused.text()).doesNotContain("glpat-");
        assertThat(stored()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"text/plain", "application/x-www-form-urlencoded", "application/json"})
    void aBodyThatIsNoArchiveIsNotRead(String contentType) {
        ApiClient.Response refused = new ApiClient(port, USER, PASSWORD)
                .post("/api/migrate/original?dry_run=true", contentType, OriginalBackupFixture.archive());

        assertThat(refused.status()).as(refused.text()).isEqualTo(415);
        assertThat(refused.body().path("detail").asString()).contains("application/gzip");
    }

    private long stored() {
        return mongo.count(new Query(), InstanceRecord.class)
                + mongo.count(new Query(), PairRecord.class)
                + mongo.count(new Query(), MirrorRecord.class)
                + mongo.count(new Query(), MirrorTokenRecord.class);
    }

    private static Map<String, byte[]> with(Map<String, byte[]> files, String name, byte[] content) {
        Map<String, byte[]> copy = new LinkedHashMap<>(files);
        copy.put(name, content);
        return copy;
    }

    private static Map<String, byte[]> without(Map<String, byte[]> files, String name) {
        Map<String, byte[]> copy = new LinkedHashMap<>(files);
        copy.remove(name);
        return copy;
    }

    private static byte[] edit(Map<String, byte[]> files, String name, Function<String, String> change) {
        return change.apply(new String(files.get(name), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] tarGz(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey(), true); // keep absolute paths as they are
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
