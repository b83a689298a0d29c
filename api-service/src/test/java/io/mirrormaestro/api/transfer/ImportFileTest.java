package io.mirrormaestro.api.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.common.store.BatchItemRecord;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every way {@link ImportFile} refuses a mirrors file, one row each: the file (single quotes for double), the field it
 * names ({@code mirrors[i].field}; none for the 413 of too many lines) and what the message says. Files here hold at
 * most {@value #MAX_LINES} mirrors.
 */
class ImportFileTest {

    private static final int MAX_LINES = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PATHS = "'source_project_path': 'a/b', 'target_project_path': 'c/d'";

    static Stream<Arguments> refusals() {
        return Stream.of(
                // the file as a whole
                arguments("[]", "mirrors", "the file must be a JSON object with a 'mirrors' array"),
                arguments("{}", "mirrors", "the file must be a JSON object with a 'mirrors' array"),
                arguments("{'mirrors': {}}", "mirrors", "the file must be a JSON object with a 'mirrors' array"),
                arguments("{'mirrors': [{}, {}, {}]}", null, "the file has 3 mirrors; at most 2 per import"),
                // a line that is no mirror at all
                arguments("{'mirrors': [5]}", "mirrors[0]", "line 1: must be an object"),
                // the project paths
                arguments(
                        "{'mirrors': [{'target_project_path': 'c/d'}]}",
                        "mirrors[0].source_project_path",
                        "line 1: must be a project path such as 'group/project'"),
                arguments(
                        "{'mirrors': [{'source_project_path': 'project', 'target_project_path': 'c/d'}]}",
                        "mirrors[0].source_project_path",
                        "line 1: must be a project path such as 'group/project'"),
                arguments(
                        "{'mirrors': [{'source_project_path': 7, 'target_project_path': 'c/d'}]}",
                        "mirrors[0].source_project_path",
                        "line 1: must be a string"),
                arguments(
                        "{'mirrors': [{'source_project_path': 'a/b'}]}",
                        "mirrors[0].target_project_path",
                        "line 1: must be a project path such as 'group/project'"),
                arguments(
                        "{'mirrors': [{'source_project_path': 'a/b', 'target_project_path': ['c/d']}]}",
                        "mirrors[0].target_project_path",
                        "line 1: must be a string"),
                // the settings that are true, false or null
                line("'mirror_protected_branches': 'yes'", "mirror_protected_branches", "must be true, false or null"),
                line("'mirror_overwrite_diverged': 1", "mirror_overwrite_diverged", "must be true, false or null"),
                line("'mirror_trigger_builds': 'false'", "mirror_trigger_builds", "must be true, false or null"),
                line(
                        "'only_mirror_protected_branches': {}",
                        "only_mirror_protected_branches",
                        "must be true, false or null"),
                line("'enabled': 'true'", "enabled", "must be true, false or null"),
                // the ids
                line("'source_project_id': 0", "source_project_id", "must be a positive integer or null"),
                line("'target_project_id': -4", "target_project_id", "must be a positive integer or null"),
                line("'mirror_user_id': '12'", "mirror_user_id", "must be a positive integer or null"),
                line("'mirror_user_id': 1.5", "mirror_user_id", "must be a positive integer or null"),
                // the direction
                line("'mirror_direction': 'sideways'", "mirror_direction", "must be 'push' or 'pull'"),
                line("'mirror_direction': true", "mirror_direction", "must be a string"),
                // the branch regex
                line(
                        "'mirror_branch_regex': '(main'",
                        "mirror_branch_regex",
                        "is not a valid RE2 regular expression: "),
                line("'mirror_branch_regex': ['main']", "mirror_branch_regex", "must be a string"),
                // a later line: named by its own index and number, the earlier ones read
                arguments(
                        "{'mirrors': [{" + PATHS + "}, {" + PATHS + "}]}",
                        "mirrors[1].source_project_path",
                        "line 2: repeats line 1 (a/b → c/d)"),
                arguments(
                        "{'mirrors': [{" + PATHS + "}, {'source_project_path': 'a/b', 'target_project_path': 'e/f',"
                                + " 'mirror_direction': 'both'}]}",
                        "mirrors[1].mirror_direction",
                        "line 2: must be 'push' or 'pull'"));
    }

    /** A one-line file: valid paths plus {@code member}, refused naming {@code mirrors[0].field}. */
    private static Arguments line(String member, String field, String message) {
        return arguments("{'mirrors': [{" + PATHS + ", " + member + "}]}", "mirrors[0]." + field, "line 1: " + message);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("refusals")
    void aWrongFileIsRefusedNamingTheFirstWrongLineAndField(String file, String field, String message) {
        Throwable refusal = catchThrowable(() -> ImportFile.lines(json(file), MAX_LINES, "b-1"));

        if (field == null) {
            assertThat(refusal).isInstanceOfSatisfying(ResponseStatusException.class, tooMany -> {
                assertThat(tooMany.getStatusCode().value()).isEqualTo(413);
                assertThat(tooMany.getReason()).isEqualTo(message);
            });
        } else {
            assertThat(refusal).isInstanceOfSatisfying(UnprocessableException.class, wrong -> assertThat(wrong.errors())
                    .singleElement()
                    .satisfies(error -> {
                        assertThat(error.field()).isEqualTo(field);
                        assertThat(error.message()).startsWith(message);
                    }));
        }
    }

    /** The rows above each change one thing in files like these, which are read. */
    @Test
    void aFileWithEveryFieldRightIsReadLineByLine() {
        List<BatchItemRecord> lines = ImportFile.lines(
                json("{'mirrors': [{" + PATHS
                        + ", 'mirror_protected_branches': true, 'mirror_overwrite_diverged': null,"
                        + " 'mirror_trigger_builds': false, 'only_mirror_protected_branches': false, 'enabled': false,"
                        + " 'source_project_id': 1, 'target_project_id': 2, 'mirror_user_id': 3,"
                        + " 'mirror_direction': ' Pull ', 'mirror_branch_regex': '^main$'},"
                        + " {'source_project_path': 'a/b', 'target_project_path': 'e/f'}]}"),
                MAX_LINES,
                "b-1");

        assertThat(lines).hasSize(2);
        BatchItemRecord first = lines.get(0);
        assertThat(first.line()).isEqualTo(1);
        assertThat(first.sourceProjectPath()).isEqualTo("a/b");
        assertThat(first.targetProjectPath()).isEqualTo("c/d");
        assertThat(first.mirrorDirection()).isEqualTo("pull");
        assertThat(first.enabled()).isFalse();
        assertThat(first.overrides().mirrorBranchRegex()).isEqualTo("^main$");
        assertThat(first.overrides().mirrorUserId()).isEqualTo(3L);
        assertThat(lines.get(1).line()).isEqualTo(2);
        assertThat(lines.get(1).mirrorDirection()).isNull();
        assertThat(lines.get(1).enabled()).isTrue();
    }

    private static JsonNode json(String singleQuoted) {
        return JSON.readTree(singleQuoted.replace('\'', '"'));
    }
}
