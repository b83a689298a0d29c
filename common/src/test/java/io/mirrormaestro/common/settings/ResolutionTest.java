package io.mirrormaestro.common.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.GroupTokenRecord;
import io.mirrormaestro.common.store.PairRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResolutionTest {

    static final PairRecord PAIR = new PairRecord(
            1, "p", null, 1, 2, "pull", true, false, false, false, null, null, Instant.now(), Instant.now());

    @Test
    void namespacesRunFromTheMostSpecificGroupUp() {
        assertThat(GroupPaths.namespacesOf("platform/core/api-gateway")).containsExactly("platform/core", "platform");
        assertThat(GroupPaths.namespacesOf("solo")).isEmpty();
        assertThat(GroupPaths.namespacesOf("a/b/p", "a/c/p")).containsExactly("a/b", "a", "a/c");
    }

    @ParameterizedTest(name = "{0} valid={1}")
    @CsvSource({
        "platform,true",
        "platform/core,true",
        "my.group/sub_group-2,true",
        "/platform,false",
        "platform/,false",
        "plat form,false",
        "-x,false",
        "a//b,false",
        "'',false"
    })
    void groupPathSyntax(String path, boolean valid) {
        assertThat(GroupPaths.GROUP_PATH.matcher(path).matches()).isEqualTo(valid);
    }

    @Test
    void eachFieldComesFromTheMostSpecificLevelThatSetsIt() {
        var platform = defaults("platform", "push", true, null);
        var core = defaults("platform/core", null, null, "^main$");

        MirrorSettings s = MirrorSettings.resolve(
                PAIR, List.of(platform, core), MirrorSettings.Overrides.NONE, "platform/core/api", "mirror/api");

        assertThat(s.mirrorDirection()).isEqualTo(new MirrorSettings.Setting<>("push", "group:platform"));
        assertThat(s.mirrorOverwriteDiverged()).isEqualTo(new MirrorSettings.Setting<>(true, "group:platform"));
        assertThat(s.mirrorBranchRegex()).isEqualTo(new MirrorSettings.Setting<>("^main$", "group:platform/core"));
        assertThat(s.onlyMirrorProtectedBranches()).isEqualTo(new MirrorSettings.Setting<>(false, "pair"));
        assertThat(s.mirrorTriggerBuilds().value())
                .as("pull-only field of a push mirror")
                .isNull();
    }

    @Test
    void aMirrorOverrideBeatsEveryGroup() {
        var overrides = new MirrorSettings.Overrides("pull", null, false, true, null, null, 7L);

        MirrorSettings s = MirrorSettings.resolve(
                PAIR, List.of(defaults("platform", "push", true, null)), overrides, "platform/api", "x/api");

        assertThat(s.mirrorDirection()).isEqualTo(new MirrorSettings.Setting<>("pull", "mirror"));
        assertThat(s.mirrorOverwriteDiverged()).isEqualTo(new MirrorSettings.Setting<>(false, "mirror"));
        assertThat(s.mirrorTriggerBuilds()).isEqualTo(new MirrorSettings.Setting<>(true, "mirror"));
        assertThat(s.mirrorUserId()).isEqualTo(new MirrorSettings.Setting<>(7L, "mirror"));
    }

    @Test
    void tokensResolveFromTheMostSpecificGroupOnTheRightInstance() {
        var top = token(1, 5, "platform");
        var sub = token(2, 5, "platform/core");
        var otherInstance = token(3, 6, "platform/core/api");

        assertThat(TokenLookup.forProject(List.of(top, sub, otherInstance), 5, "platform/core/api/svc"))
                .contains(sub);
        assertThat(TokenLookup.forProject(List.of(top, sub), 5, "platform/billing"))
                .contains(top);
        assertThat(TokenLookup.forProject(List.of(top, sub), 5, "frontend/web")).isEmpty();
        assertThat(TokenLookup.forProject(List.of(top), 5, "Platform/web"))
                .as("exact match")
                .isEmpty();
    }

    private static GroupDefaultsRecord defaults(String path, String direction, Boolean overwrite, String regex) {
        return new GroupDefaultsRecord(
                path.length(), 1, path, direction, null, overwrite, null, null, regex, null, null, null);
    }

    private static GroupTokenRecord token(long id, long instance, String path) {
        return new GroupTokenRecord(id, instance, path, "t", "v1:x", List.of(), null, null, null, null);
    }
}
