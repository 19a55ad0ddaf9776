package io.postern.orchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Variable precedence, group membership, rollout inheritance and target resolution on {@code precedence.yaml}. */
class InheritanceTest {

    private static Inventory inv;

    @BeforeAll
    static void load() throws Exception {
        inv = Fixtures.loader().read(Fixtures.fixture("precedence.yaml"));
    }

    @Test
    void deeperGroupsOverrideParentsAndHostVarsWin() {
        Device h1 = inv.device("h1").orElseThrow();
        assertThat(h1.vars()).containsEntry("a", "from-all").containsEntry("b", "from-parent")
                .containsEntry("c", "from-child").containsEntry("d", "from-host");
    }

    @Test
    void aDeeperGroupBeatsAShallowerOneWhateverTheirNames() {
        assertThat(inv.device("h1").orElseThrow().vars()).containsEntry("c", "from-child");
        assertThat(inv.device("h3").orElseThrow().vars()).containsEntry("c", "from-zeta");
    }

    @Test
    void groupsOfEqualDepthApplyInNameOrderWithAWarning() {
        assertThat(inv.device("h3").orElseThrow().vars()).containsEntry("e", "from-beta");
        assertThat(inv.warnings()).anySatisfy(w -> assertThat(w.toString())
                .contains("precedence.yaml:40", "host h3: e differs between groups alpha and beta of equal depth; "
                        + "beta wins"));
    }

    @Test
    void groupsAreListedInPrecedenceOrder() {
        assertThat(inv.device("h1").orElseThrow().groups()).containsExactly("all", "parent", "zeta", "child");
        assertThat(inv.device("h3").orElseThrow().groups()).containsExactly("all", "alpha", "beta", "zeta");
    }

    @Test
    void aHostSettingEitherFormOfASecretReplacesBoth() {
        Device h1 = inv.device("h1").orElseThrow();
        assertThat(h1.credentials().password().kind()).isEqualTo(SecretRef.Kind.FILE);
        assertThat(h1.credentials().password().reference()).endsWith("inventory/secrets/h1");
        assertThat(h1.vars()).doesNotContainKeys("password_env", "password_file", "driver", "template");
        Device h2 = inv.device("h2").orElseThrow();
        assertThat(h2.credentials().password().toString()).isEqualTo("password_env: ALL_PW");
    }

    @Test
    void rolloutIsInheritedByChildGroups() {
        assertThat(inv.group("child").orElseThrow().rollout()).isEqualTo(new Rollout(Rollout.Mode.ALL_OR_NOTHING, 4));
        assertThat(inv.group("zeta").orElseThrow().rollout()).isEqualTo(Rollout.DEFAULT);
        assertThat(inv.rollout(List.of("zeta", "child"))).isEqualTo(new Rollout(Rollout.Mode.ALL_OR_NOTHING, 4));
        assertThat(inv.rollout(List.of("h3"))).isEqualTo(Rollout.DEFAULT);
    }

    @Test
    void depthsAndMembers() {
        assertThat(inv.group("child").orElseThrow().depth()).isEqualTo(2);
        assertThat(inv.group("all").orElseThrow().members()).containsExactly("h1", "h2", "h3");
        assertThat(inv.group("parent").orElseThrow().members()).containsExactly("h1", "h2");
        assertThat(inv.groups()).extracting(Group::name)
                .containsExactly("all", "parent", "child", "zeta", "alpha", "beta");
    }

    @Test
    void targetsResolveInOrderWithoutDuplicates() throws Exception {
        assertThat(inv.resolveTargets(List.of("zeta", "child", "h3", "h2"))).extracting(Device::name)
                .containsExactly("h1", "h3", "h2");
        assertThat(inv.resolveTargets(List.of("all"))).extracting(Device::name).containsExactly("h1", "h2", "h3");
    }

    @Test
    void aTargetNamingNothingListsCloseMatches() {
        assertThatThrownBy(() -> inv.resolveTargets(List.of("chlid", "h1", "zzzzzzzz")))
                .isInstanceOfSatisfying(InventoryException.class, e -> {
                    assertThat(e.errors()).hasSize(2);
                    assertThat(e.getMessage()).contains("TARGETS: 'chlid' (expected: a group or host of ",
                            "close matches: child)", "TARGETS: 'zzzzzzzz'", "no close match; known: all, alpha");
                });
    }

    @Test
    void theSameHostInTwoGroupsWithoutConflictIsOneDevice() {
        assertThat(inv.devices()).extracting(Device::name).containsExactly("h1", "h2", "h3");
    }
}
