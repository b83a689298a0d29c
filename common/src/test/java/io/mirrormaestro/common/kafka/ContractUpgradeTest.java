package io.mirrormaestro.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirrormaestro.common.command.BatchLineRef;
import io.mirrormaestro.common.command.CheckInstance;
import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.command.CreateMirror;
import io.mirrormaestro.common.command.DeleteMirror;
import io.mirrormaestro.common.command.ImportMirrorLine;
import io.mirrormaestro.common.command.MirrorDirection;
import io.mirrormaestro.common.command.RefreshMirrors;
import io.mirrormaestro.common.command.ResumeMirror;
import io.mirrormaestro.common.command.RotateMirrorCredentials;
import io.mirrormaestro.common.command.SyncMirror;
import io.mirrormaestro.common.command.UpdateMirror;
import io.mirrormaestro.common.command.VerifyMirror;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.GitLabVerdict;
import io.mirrormaestro.common.event.MirrorAdopted;
import io.mirrormaestro.common.event.MirrorCreated;
import io.mirrormaestro.common.event.MirrorImportSkipped;
import io.mirrormaestro.common.event.MirrorStatusRefreshed;
import io.mirrormaestro.common.event.MirrorSyncFinished;
import io.mirrormaestro.common.store.MirrorRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract on the wire: each record round-trips, and the previous version's records are read as the new ones. */
class ContractUpgradeTest {

    private static final UUID ID = UUID.fromString("5f0c7f53-43a9-4c43-9f0e-7a3c1a2b9d10");
    private static final Instant AT = Instant.parse("2026-12-07T10:15:30Z");
    private static final BatchLineRef LINE = new BatchLineRef("b-17", 3);

    private final JsonSerde.CommandSerializer commandOut = new JsonSerde.CommandSerializer();
    private final JsonSerde.CommandDeserializer commandIn = new JsonSerde.CommandDeserializer();
    private final JsonSerde.EventSerializer eventOut = new JsonSerde.EventSerializer();
    private final JsonSerde.EventDeserializer eventIn = new JsonSerde.EventDeserializer();

    static Stream<Command> commands() {
        return Stream.of(
                new CheckInstance(ID, ID, AT, 4),
                new CreateMirror(ID, ID, AT, 7, false, null),
                new CreateMirror(ID, ID, AT, 7, true, LINE),
                new ImportMirrorLine(
                        ID,
                        ID,
                        AT,
                        7,
                        LINE,
                        new ImportMirrorLine.Line(
                                2,
                                "a/b",
                                "c/d",
                                MirrorDirection.PULL,
                                new MirrorRecord.Overrides(true, null, null, null, "main", null),
                                false)),
                new UpdateMirror(ID, ID, AT, 7, LINE),
                new SyncMirror(ID, ID, AT, 7, null),
                new VerifyMirror(ID, ID, AT, 7, true, null),
                new RotateMirrorCredentials(ID, ID, AT, 7, 12L, LINE),
                new DeleteMirror(ID, ID, AT, 7, null),
                new ResumeMirror(ID, ID, AT, 7, null),
                new RefreshMirrors(ID, ID, AT, 2L, "grp", List.of(1L, 2L)));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandRoundTripsUnderItsOwnName(Command command) {
        byte[] json = commandOut.serialize("t", command);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"type\":\"" + command.getClass().getSimpleName() + "\"");
        assertThat(commandIn.deserialize("t", json)).isEqualTo(command);
        assertThat(ContractUpgrade.command(new String(json, StandardCharsets.UTF_8)))
                .isEqualTo(command);
    }

    @Test
    void aBatchLineTravelsAsAnObjectNotAStringToTakeApart() {
        String json =
                new String(commandOut.serialize("t", new UpdateMirror(ID, ID, AT, 7, LINE)), StandardCharsets.UTF_8);
        assertThat(json)
                .contains("\"batch_line\":{\"batch_id\":\"b-17\",\"line\":3}")
                .doesNotContain("b-17:3");
    }

    @ParameterizedTest
    @CsvSource({
        "UPDATE, UpdateMirror",
        "SYNC, SyncMirror",
        "DELETE, DeleteMirror",
        "VERIFY, VerifyMirror",
        "ROTATE_CREDENTIALS, RotateMirrorCredentials",
        "RESUME, ResumeMirror",
        "CREATE, CreateMirror"
    })
    void thePreviousVersionsMirrorCommandIsReadAsTheOrderItsActionNames(String action, String type) {
        Command read = commandIn.deserialize("t", old(action, null, "\"group_token_id\":12,\"repair\":true"));
        assertThat(read.getClass().getSimpleName()).isEqualTo(type);
        assertThat(read.commandId()).isEqualTo(ID);
        assertThat(read.subjectId()).isEqualTo("mirror:7");
        assertThat(read.batchLine()).isNull();
        if (read instanceof VerifyMirror verify) {
            assertThat(verify.repair()).isTrue();
        }
        if (read instanceof RotateMirrorCredentials rotate) {
            assertThat(rotate.groupTokenId()).isEqualTo(12L);
        }
        if (read instanceof CreateMirror create) {
            assertThat(create.adoptExisting())
                    .as("that version's worker adopted")
                    .isTrue();
        }
    }

    @Test
    void aPreviousCreateInABatchIsAnImportLineReadFromTheStore() {
        Command read = commandIn.deserialize("t", old("CREATE", "b-17:3", ""));
        assertThat(read).isInstanceOf(ImportMirrorLine.class);
        assertThat(read.batchLine()).isEqualTo(LINE);
        assertThat(((ImportMirrorLine) read).line())
                .as("the old command carried no line")
                .isNull();
    }

    @Test
    void storedPayloadsOfThePreviousVersionAreReadToo() {
        String payload = new String(old("SYNC", "b-17:3", ""), StandardCharsets.UTF_8);
        assertThat(ContractUpgrade.command(payload)).isEqualTo(new SyncMirror(ID, ID, AT, 7, LINE));
    }

    @Test
    void anOldActionConstantNamesItsCommandType() {
        assertThat(ContractUpgrade.commandTypeOf("SYNC")).isEqualTo("SyncMirror");
        assertThat(ContractUpgrade.commandTypeOf("CREATE")).isEqualTo("CreateMirror");
        assertThat(ContractUpgrade.commandTypeOf("ROTATE_CREDENTIALS")).isEqualTo("RotateMirrorCredentials");
        assertThat(ContractUpgrade.commandTypeOf("VerifyMirror"))
                .as("already current")
                .isEqualTo("VerifyMirror");
    }

    @Test
    void anUnknownOldActionIsASerializationErrorNamingIt() {
        assertThatThrownBy(() -> commandIn.deserialize("t", old("EXPLODE", null, "")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("EXPLODE");
    }

    static Stream<Event> events() {
        return Stream.of(
                new MirrorCreated(ID, ID, ID, AT, 7, "ImportMirrorLine", "created", 1, LINE),
                new MirrorAdopted(ID, ID, ID, AT, 7, "CreateMirror", "adopted", 2, null),
                new MirrorImportSkipped(ID, ID, ID, AT, 7, "ImportMirrorLine", "covered by 3", 1, LINE, 3L),
                new MirrorSyncFinished(
                        ID, ID, ID, AT, 7, "SyncMirror", "GitLab finished the sync", 1, null, GitLabVerdict.UP_TO_DATE),
                new MirrorStatusRefreshed(ID, ID, ID, AT, 7, "RefreshStatus", "failed", 0, null, GitLabVerdict.FAILED),
                new CommandFailed(ID, ID, ID, AT, "mirror:7", "SyncMirror", 3, 403, "403 Forbidden", LINE));
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventRoundTripsUnderItsOwnName(Event event) {
        byte[] json = eventOut.serialize("t", event);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"type\":\"" + event.getClass().getSimpleName() + "\"");
        assertThat(eventIn.deserialize("t", json)).isEqualTo(event);
    }

    @ParameterizedTest
    @CsvSource({
        "created, MirrorCreated",
        "updated, MirrorUpdated",
        "sync_requested, MirrorSyncRequested",
        "deleted, MirrorDeleted",
        "verified, MirrorVerified",
        "credentials_rotated, MirrorCredentialsRotated",
        "resumed, MirrorResumed",
        "skipped, MirrorImportSkipped",
        "sync_result, MirrorSyncFinished",
        "status_refreshed, MirrorStatusRefreshed"
    })
    void thePreviousVersionsMirrorChangedIsReadAsTheEventItsChangeNames(String change, String type) {
        String json = "{\"type\":\"MirrorChanged\",\"event_id\":\"" + ID + "\",\"command_id\":\"" + ID
                + "\",\"correlation_id\":\"" + ID + "\",\"occurred_at\":\"" + AT + "\",\"mirror_id\":7,"
                + "\"command_type\":\"SyncMirror\",\"change\":\"" + change + "\",\"detail\":\"d\",\"attempt\":1,"
                + "\"batch_id\":\"b-17:3\"}";
        Event read = eventIn.deserialize("t", json.getBytes(StandardCharsets.UTF_8));
        assertThat(read.getClass().getSimpleName()).isEqualTo(type);
        assertThat(read.subjectId()).isEqualTo("mirror:7");
        assertThat(read.batchLine()).isEqualTo(LINE);
        assertThat(read.summary()).isEqualTo("d");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "status_refreshed | GitLab's sync of push mirror a/b has been running since 2026-12-01T00:00:00Z: stuck | STUCK",
                "status_refreshed | GitLab reports push mirror a/b failed: 13:fatal | FAILED",
                "status_refreshed | GitLab reports push mirror a/b up to date | UP_TO_DATE",
                "status_refreshed | GitLab's settings of push mirror a/b drifted from ours: enabled | OTHER",
                "sync_result | GitLab's sync of push mirror a/b failed: timeout | FAILED",
                "sync_result | GitLab finished the sync of push mirror a/b | UP_TO_DATE",
                "sync_result | GitLab's sync of push mirror a/b ended started | OTHER"
            })
    void thePreviousVersionsReportsGetTheVerdictTheirWordsMeant(String change, String detail, GitLabVerdict verdict) {
        String json = "{\"type\":\"MirrorChanged\",\"event_id\":\"" + ID + "\",\"command_id\":\"" + ID
                + "\",\"correlation_id\":\"" + ID + "\",\"occurred_at\":\"" + AT + "\",\"mirror_id\":7,"
                + "\"command_type\":\"RefreshStatus\",\"change\":\"" + change + "\",\"detail\":\""
                + detail + "\",\"attempt\":0}";
        Event read = eventIn.deserialize("t", json.getBytes(StandardCharsets.UTF_8));
        GitLabVerdict got =
                read instanceof MirrorSyncFinished f ? f.verdict() : ((MirrorStatusRefreshed) read).verdict();
        assertThat(got).isEqualTo(verdict);
    }

    @Test
    void thePreviousVersionsCommandFailedKeepsItsBatchLine() {
        String json = "{\"type\":\"CommandFailed\",\"event_id\":\"" + ID + "\",\"command_id\":\"" + ID
                + "\",\"correlation_id\":\"" + ID + "\",\"occurred_at\":\"" + AT + "\",\"subject_id\":\"mirror:7\","
                + "\"command_type\":\"CreateMirror\",\"attempt\":1,\"reason\":\"no\",\"batch_id\":\"b-17:3\"}";
        Event read = eventIn.deserialize("t", json.getBytes(StandardCharsets.UTF_8));
        assertThat(read).isInstanceOf(CommandFailed.class);
        assertThat(read.batchLine()).isEqualTo(LINE);
    }

    @Test
    void theOldEventNameWithAnUnknownChangeIsRefusedNamingIt() {
        String json = "{\"type\":\"MirrorChanged\",\"change\":\"teleported\",\"mirror_id\":7}";
        assertThatThrownBy(() -> eventIn.deserialize("t", json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("teleported");
    }

    private static byte[] old(String action, String batchId, String extra) {
        String json = "{\"type\":\"MirrorCommand\",\"command_id\":\"" + ID + "\",\"correlation_id\":\"" + ID
                + "\",\"occurred_at\":\"" + AT + "\",\"mirror_id\":7,\"action\":\"" + action + "\""
                + (batchId == null ? "" : ",\"batch_id\":\"" + batchId + "\"")
                + (extra.isEmpty() ? "" : "," + extra) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
