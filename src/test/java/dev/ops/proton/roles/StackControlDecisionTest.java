package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.model.AdoptionPolicy;
import dev.ops.proton.model.ControlReasons;
import dev.ops.proton.model.ManagementPolicy;
import dev.ops.proton.roles.DesiredStack.DeletionPolicy;
import dev.ops.proton.roles.StackAction.CreateStack;
import dev.ops.proton.roles.StackAction.CreateUpdateChangeSet;
import dev.ops.proton.roles.StackAction.Observed;
import dev.ops.proton.roles.StackAction.Release;
import dev.ops.proton.roles.StackAction.Stall;
import dev.ops.proton.roles.StackAction.Wait;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rows of {@link StackDecision} that managementPolicy and adoptionPolicy add. */
class StackControlDecisionTest {

    private static final String OWNER = "platform/prod-roles";
    private static final Map<String, String> OWN = Map.of(DesiredStack.OWNER_TAG, OWNER);
    private static final Map<String, String> FOREIGN = Map.of(DesiredStack.OWNER_TAG, "other/roles");
    private static final Map<String, String> UNTAGGED = Map.of("team", "platform");
    private static final Map<String, String> OUTPUTS = Map.of("ProtonRoleArn", "arn:aws:iam::222222222222:role/R");
    private static final DesiredStack FULL = controlledBy(ManagementPolicy.FullControl, AdoptionPolicy.AdoptOrCreate);
    private static final DesiredStack OBSERVING = DesiredStack.forObservation("roles", OWN, false);

    // ---- ObserveOnly: never a write ----

    @ParameterizedTest
    @CsvSource({
        "CREATE_COMPLETE, own",
        "UPDATE_COMPLETE, untagged",
        "UPDATE_ROLLBACK_COMPLETE, own",
        "IMPORT_COMPLETE, foreign",
        "CREATE_COMPLETE, foreign"
    })
    void shouldReportAUsableStackWhoeverOwnsIt(String status, String owner) {
        Map<String, String> tags = tags(owner);

        assertThat(StackDecision.decide(OBSERVING, stack(status, tags), StackMemory.NONE))
                .isEqualTo(new Observed(status, OUTPUTS, tags.get(DesiredStack.OWNER_TAG)));
    }

    @ParameterizedTest
    @CsvSource({
        "CREATE_IN_PROGRESS, StackCreating",
        "UPDATE_IN_PROGRESS, StackUpdating",
        "DELETE_IN_PROGRESS, StackDeleting"
    })
    void shouldWaitWhileTheObservedStackIsInProgress(String status, String reason) {
        StackAction action = StackDecision.decide(OBSERVING, stack(status, FOREIGN), StackMemory.NONE);

        assertThat(action)
                .isInstanceOfSatisfying(Wait.class, w -> assertThat(w.reason()).isEqualTo(reason));
    }

    @ParameterizedTest
    @CsvSource({"ROLLBACK_COMPLETE", "DELETE_FAILED", "UPDATE_ROLLBACK_FAILED", "UPDATE_FAILED", "ROLLBACK_FAILED"})
    void shouldReportAFailedStackWithoutRepairingIt(String status) {
        StackAction action = StackDecision.decide(OBSERVING, stack(status, OWN), new StackMemory(null, "attempted"));

        assertThat(action).isInstanceOfSatisfying(Stall.class, stall -> {
            assertThat(stall.reason()).isEqualTo(ControlReasons.OBSERVED_FAILURE);
            assertThat(stall.message()).contains("roles", status, "ObserveOnly");
            assertThat(stall.explainWithStackEvents()).isTrue();
        });
    }

    @Test
    void shouldAwaitAMissingStackNamingIt() {
        for (Optional<ObservedStack> absent :
                java.util.List.of(Optional.<ObservedStack>empty(), stack("DELETE_COMPLETE", OWN))) {
            StackAction action = StackDecision.decide(OBSERVING, absent, StackMemory.NONE);

            assertThat(action).isInstanceOfSatisfying(Wait.class, wait -> {
                assertThat(wait.reason()).isEqualTo(ControlReasons.AWAITING_OBJECT);
                assertThat(wait.message()).contains("roles", "ObserveOnly");
            });
        }
    }

    @Test
    void shouldForgetWhatWasAppliedOnceObserving() {
        StackMemory applied = new StackMemory(FULL.desiredHash(), "attempted");

        assertThat(applied.after(new Observed("CREATE_COMPLETE", OUTPUTS, OWNER), FULL.desiredHash()))
                .isEqualTo(StackMemory.NONE);
    }

    @Test
    void shouldLetGoOnDeletionWithoutDeletingEvenUnderPolicyDelete() {
        DesiredStack deleting = DesiredStack.forObservation("roles", OWN, true);

        assertThat(StackDecision.decide(deleting, stack("CREATE_COMPLETE", OWN), StackMemory.NONE))
                .isInstanceOf(Release.class);
    }

    @Test
    void shouldNeverAskForAChangeSetWhenObserving() {
        assertThat(StackDecision.needsChangeSet(OBSERVING, StackMemory.NONE)).isFalse();
        assertThat(StackDecision.needsChangeSet(
                        controlledBy(ManagementPolicy.ObserveOnly, AdoptionPolicy.AdoptOrCreate), StackMemory.NONE))
                .isFalse();
    }

    @Test
    void shouldObserveEvenWhenTheFullSpecIsKnown() {
        DesiredStack observing = controlledBy(ManagementPolicy.ObserveOnly, AdoptionPolicy.CreateOnly);

        assertThat(StackDecision.decide(observing, Optional.empty(), StackMemory.NONE))
                .isInstanceOf(Wait.class);
        assertThat(StackDecision.decide(observing, stack("CREATE_COMPLETE", UNTAGGED), StackMemory.NONE))
                .isInstanceOf(Observed.class);
    }

    // ---- adoption policy: (policy, what exists) -> action ----

    @ParameterizedTest
    @CsvSource({
        "AdoptOrCreate, none,     CreateStack",
        "AdoptOrCreate, untagged, Adopt",
        "AdoptOrCreate, foreign,  OwnedByAnother",
        "AdoptOrCreate, own,      Adopt",
        "AdoptOnly,     none,     AwaitingObject",
        "AdoptOnly,     untagged, Adopt",
        "AdoptOnly,     foreign,  OwnedByAnother",
        "AdoptOnly,     own,      Adopt",
        "CreateOnly,    none,     CreateStack",
        "CreateOnly,    untagged, AdoptionRefused",
        "CreateOnly,    foreign,  OwnedByAnother",
        "CreateOnly,    own,      Adopt"
    })
    void shouldFollowTheAdoptionPolicy(AdoptionPolicy policy, String existing, String expected) {
        DesiredStack desired = controlledBy(ManagementPolicy.FullControl, policy);
        Optional<ObservedStack> observed =
                existing.equals("none") ? Optional.empty() : stack("CREATE_COMPLETE", tags(existing));

        StackAction action = StackDecision.decide(desired, observed, StackMemory.NONE);

        switch (expected) {
            case "CreateStack" -> assertThat(action).isEqualTo(new CreateStack());
            // an update through a change set is how a stack is adopted: it carries the ownership tag
            case "Adopt" -> assertThat(action).isEqualTo(new CreateUpdateChangeSet(desired.changeSetName()));
            case "AwaitingObject" ->
                assertThat(action).isInstanceOfSatisfying(Wait.class, wait -> {
                    assertThat(wait.reason()).isEqualTo(ControlReasons.AWAITING_OBJECT);
                    assertThat(wait.message()).contains("roles", "AdoptOnly");
                });
            default ->
                assertThat(action).isInstanceOfSatisfying(Stall.class, stall -> {
                    assertThat(stall.reason()).isEqualTo(expected);
                    assertThat(stall.message()).contains("roles");
                });
        }
    }

    @Test
    void shouldNameTheUntaggedStackItRefusesToAdopt() {
        DesiredStack desired = controlledBy(ManagementPolicy.FullControl, AdoptionPolicy.CreateOnly);

        StackAction action = StackDecision.decide(desired, stack("UPDATE_COMPLETE", UNTAGGED), StackMemory.NONE);

        assertThat(((Stall) action).message())
                .contains("arn:aws:cloudformation:us-east-1:222222222222:stack/roles/1", "CreateOnly", "AdoptOrCreate");
    }

    private static Map<String, String> tags(String owner) {
        return switch (owner) {
            case "own" -> OWN;
            case "foreign" -> FOREIGN;
            default -> UNTAGGED;
        };
    }

    private static Optional<ObservedStack> stack(String status, Map<String, String> tags) {
        return Optional.of(new ObservedStack(
                "arn:aws:cloudformation:us-east-1:222222222222:stack/roles/1",
                status,
                "",
                tags,
                false,
                OUTPUTS,
                Optional.empty()));
    }

    /** The full desired stack of these tests under these policies. */
    private static DesiredStack controlledBy(ManagementPolicy management, AdoptionPolicy adoption) {
        return DesiredStack.of(
                "roles",
                "Resources: {}\n",
                Map.of(),
                Set.of(),
                OWN,
                false,
                DeletionPolicy.DELETE,
                false,
                false,
                management,
                adoption);
    }
}
