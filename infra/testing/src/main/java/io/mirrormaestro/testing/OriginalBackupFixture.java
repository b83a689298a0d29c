package io.mirrormaestro.testing;

import com.macasaet.fernet.Key;
import com.macasaet.fernet.StringValidator;
import com.macasaet.fernet.Token;
import io.mirrormaestro.gitlab.simulator.GitLabSimulator;
import io.mirrormaestro.gitlab.simulator.InstanceOptions;
import io.mirrormaestro.gitlab.simulator.SimGroup;
import io.mirrormaestro.gitlab.simulator.SimProject;
import io.mirrormaestro.gitlab.simulator.SimUser;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backup the original tool wrote (resource {@code original-backup/backup-40-push-mirrors.tar.gz}, see the README
 * beside it) and the GitLab it belongs to, stood up again in the simulator: instance A (source) and B (target), user
 * {@code maestro} Owner of {@code platform} and {@code data} with the original's {@code api} tokens, the 40 projects
 * on both with the ids the backup recorded, on B the per-mirror project access tokens the original created, on A the
 * remote mirrors 5000–5039 pushing to B with those tokens, and on B a group token per top-level group for the move to
 * group tokens. Every token value is read from the archive at run time (decrypted with its Fernet key): none is
 * written in a source file.
 */
public final class OriginalBackupFixture {

    public static final String RESOURCE = "/original-backup/backup-40-push-mirrors.tar.gz";

    private static final StringValidator NO_EXPIRY = new StringValidator() {
        @Override
        public TemporalAmount getTimeToLive() {
            return Duration.ofDays(36_525);
        }
    };

    /** One mirror of the backup, its token decrypted. */
    public record Mirror(
            long gitlabMirrorId,
            String sourcePath,
            long sourceProjectId,
            String targetPath,
            long targetProjectId,
            String tokenName,
            String token,
            LocalDate tokenExpiresAt) {
        @Override
        public String toString() {
            return "Mirror[" + gitlabMirrorId + " " + sourcePath + "]";
        }
    }

    /** The GitLab the backup belongs to, in the simulator. */
    public record OriginalGitLab(
            SimulatedInstance a,
            SimulatedInstance b,
            String originalUrlA,
            String originalUrlB,
            Map<String, String> groupTokensOnB,
            List<Mirror> mirrors) {

        /** {@code instance_url} parameters mapping the backup's URLs to the simulator's. */
        public List<String> instanceUrlParameters() {
            return List.of(originalUrlA + "=" + a.baseUrl(), originalUrlB + "=" + b.baseUrl());
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger STOOD_UP =
            new java.util.concurrent.atomic.AtomicInteger();

    private OriginalBackupFixture() {}

    public static byte[] archive() {
        try (InputStream in = OriginalBackupFixture.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The archive's files by name. */
    public static Map<String, byte[]> files(byte[] archive) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                files.put(entry.getName(), tar.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Stands the backup's GitLab up as two new instances of {@code simulator}; A allows mirrors to loopback (B). */
    public static OriginalGitLab standUp(GitLabSimulator simulator) {
        Map<String, byte[]> files = files(archive());
        JsonNode database = JsonMapper.builder().build().readTree(files.get("database.json"));
        Key key = new Key(new String(files.get("encryption.key"), StandardCharsets.US_ASCII).trim());
        int n = STOOD_UP.incrementAndGet();
        SimulatedInstance a =
                simulator.addInstance(InstanceOptions.of("original-a-" + n).withLocalRequestsAllowed(true));
        SimulatedInstance b =
                simulator.addInstance(InstanceOptions.of("original-b-" + n).withLocalRequestsAllowed(true));
        JsonNode instances = database.path("gitlab_instances");
        String urlA = instances.get(0).path("url").asString();
        String urlB = instances.get(1).path("url").asString();
        List<Mirror> mirrors = new ArrayList<>();
        for (JsonNode m : database.path("mirrors")) {
            mirrors.add(new Mirror(
                    m.path("mirror_id").asLong(),
                    m.path("source_project_path").asString(),
                    m.path("source_project_id").asLong(),
                    m.path("target_project_path").asString(),
                    m.path("target_project_id").asLong(),
                    m.path("mirror_token_name").asString(),
                    decrypt(key, m.path("encrypted_mirror_token").asString()),
                    LocalDate.parse(m.path("mirror_token_expires_at").asString().substring(0, 10))));
        }
        Map<SimulatedInstance, String> apiTokens = new HashMap<>();
        apiTokens.put(a, decrypt(key, instances.get(0).path("encrypted_token").asString()));
        apiTokens.put(b, decrypt(key, instances.get(1).path("encrypted_token").asString()));
        for (SimulatedInstance gitlab : List.of(a, b)) {
            gitlab.createUser("root", true);
            SimUser maestro = gitlab.createUser("maestro", "Mirror Maestro service user", null, false);
            for (String group : List.of("platform", "platform/core", "platform/web", "data")) {
                SimGroup g = gitlab.createGroup(group);
                if (!group.contains("/")) {
                    gitlab.addMember(g, maestro, 50);
                }
            }
            for (Mirror m : mirrors) {
                gitlab.createProject(
                        gitlab == a ? m.sourcePath() : m.targetPath(),
                        gitlab == a ? m.sourceProjectId() : m.targetProjectId());
            }
            gitlab.createPersonalAccessToken(maestro, "maestro-bench", Set.of("api"), null, apiTokens.get(gitlab));
        }
        for (Mirror m : mirrors) {
            SimProject target = b.project(m.targetPath()).orElseThrow();
            b.createProjectAccessToken(
                    target,
                    m.tokenName(),
                    Set.of("read_repository", "write_repository"),
                    40,
                    m.tokenExpiresAt(),
                    m.token());
            String url = "http://" + m.tokenName() + ":" + m.token() + "@127.0.0.1:" + b.port() + "/" + m.targetPath()
                    + ".git";
            a.createPushMirror(a.project(m.sourcePath()).orElseThrow(), url, true, m.gitlabMirrorId());
        }
        Map<String, String> groupTokens = new LinkedHashMap<>();
        for (String group : List.of("platform", "data")) {
            groupTokens.put(
                    group,
                    b.createGroupAccessToken(
                            b.group(group).orElseThrow(),
                            "bench-" + group,
                            Set.of("read_repository", "write_repository"),
                            40,
                            LocalDate.now().plusDays(300)));
        }
        return new OriginalGitLab(a, b, urlA, urlB, groupTokens, mirrors);
    }

    private static String decrypt(Key key, String stored) {
        String fernet = new String(Base64.getDecoder().decode(stored), StandardCharsets.US_ASCII);
        return Token.fromString(fernet).validateAndDecrypt(key, NO_EXPIRY);
    }
}
