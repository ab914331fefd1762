package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.model.AdoptionPolicy;
import dev.ops.proton.model.ManagementPolicy;
import dev.ops.proton.roles.DesiredStack.DeletionPolicy;
import dev.ops.proton.roles.StackAction.CreateStack;
import dev.ops.proton.roles.StackAction.CreateUpdateChangeSet;
import dev.ops.proton.roles.StackAction.DeleteChangeSet;
import dev.ops.proton.roles.StackAction.DeleteStack;
import dev.ops.proton.roles.StackAction.Done;
import dev.ops.proton.roles.StackAction.ExecuteChangeSet;
import dev.ops.proton.roles.StackAction.Paused;
import dev.ops.proton.roles.StackAction.RecordNoChange;
import dev.ops.proton.roles.StackAction.Release;
import dev.ops.proton.roles.StackAction.SetTerminationProtection;
import dev.ops.proton.roles.StackAction.Stall;
import dev.ops.proton.roles.StackAction.Wait;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StackDecisionTest {

    private static final String OWNER = "platform/prod-roles";
    private static final Map<String, String> OUTPUTS =
            Map.of("ProtonRoleArn", "arn:aws:iam::222222222222:role/ProtonProvisioning");
    private static final DesiredStack DESIRED = DesiredStack.of(
            "roles",
            "Resources: {}\n",
            Map.of("EnvironmentAccountId", "111111111111"),
            Set.of("CAPABILITY_NAMED_IAM"),
            Map.of(DesiredStack.OWNER_TAG, OWNER, "team", "platform"),
            false,
            DeletionPolicy.RETAIN,
            false,
            false,
            ManagementPolicy.FullControl,
            AdoptionPolicy.AdoptOrCreate);
    private static final String HASH = DESIRED.desiredHash();
    private static final String OLD_HASH = "00000000000000000000000000000001";
    private static final String OTHER_HASH = "00000000000000000000000000000002";
    private static final String CHANGE_SET = DESIRED.changeSetName();
    private static final String NO_CHANGES = "The submitted information didn't contain changes. "
            + "Submit different information to create a change set.";

    // ---- existence and ownership ----

    @Test
    void shouldCreateStackWhenAbsent() {
        assertThat(decide(DESIRED, Optional.empty(), StackMemory.NONE)).isEqualTo(new CreateStack());
    }

    @Test
    void shouldCreateStackAgainWhenDeletedBehindTheOperatorsBack() {
        StackMemory applied = new StackMemory(HASH, null);

        assertThat(decide(DESIRED, Optional.empty(), applied)).isEqualTo(new CreateStack());
        assertThat(decide(DESIRED, stack("DELETE_COMPLETE"), applied)).isEqualTo(new CreateStack());
    }

    @Test
    void shouldStallWhenTheStackBelongsToAnotherResource() {
        StackAction action = decide(
                DESIRED,
                stack("CREATE_COMPLETE", Map.of(DesiredStack.OWNER_TAG, "other/roles"), false),
                new StackMemory(HASH, null));

        assertStall(action, StackReasons.OWNED_BY_ANOTHER, false);
        assertThat(((Stall) action).message()).contains("other/roles", OWNER, "roles");
    }

    @Test
    void shouldStallWhileAnotherResourcesStackIsInProgress() {
        assertStall(
                decide(
                        DESIRED,
                        stack("UPDATE_IN_PROGRESS", Map.of(DesiredStack.OWNER_TAG, "other/roles"), false),
                        StackMemory.NONE),
                StackReasons.OWNED_BY_ANOTHER,
                false);
    }

    /** Whatever another owner's stack is doing, this resource never waits on it, deletes it or changes it. */
    @ParameterizedTest
    @CsvSource({
        "CREATE_COMPLETE, ",
        "CREATE_IN_PROGRESS, ",
        "ROLLBACK_COMPLETE, ",
        "ROLLBACK_COMPLETE, attempted",
        "UPDATE_ROLLBACK_COMPLETE, attempted",
        "REVIEW_IN_PROGRESS, ",
        "DELETE_FAILED, ",
        "UPDATE_ROLLBACK_FAILED, ",
        "DELETE_IN_PROGRESS, "
    })
    void shouldStallOnAnotherOwnersStackInAnyStatus(String status, String memory) {
        StackMemory remembered = memory == null ? StackMemory.NONE : new StackMemory(null, HASH);

        assertStall(
                decide(DESIRED, stack(status, Map.of(DesiredStack.OWNER_TAG, "other/roles"), false), remembered),
                StackReasons.OWNED_BY_ANOTHER,
                false);
    }

    @Test
    void shouldAdoptAStackWithoutOwnershipTagThroughAnUpdate() {
        assertThat(decide(DESIRED, stack("CREATE_COMPLETE", Map.of("team", "platform"), false), StackMemory.NONE))
                .isEqualTo(new CreateUpdateChangeSet(CHANGE_SET));
    }

    // ---- operations in progress ----

    @ParameterizedTest
    @CsvSource({
        "CREATE_IN_PROGRESS, StackCreating",
        "ROLLBACK_IN_PROGRESS, StackCreating",
        "UPDATE_IN_PROGRESS, StackUpdating",
        "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, StackUpdating",
        "UPDATE_ROLLBACK_IN_PROGRESS, StackUpdating",
        "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS, StackUpdating",
        "IMPORT_IN_PROGRESS, StackUpdating",
        "IMPORT_ROLLBACK_IN_PROGRESS, StackUpdating",
        "DELETE_IN_PROGRESS, StackDeleting"
    })
    void shouldWaitWhileAnOperationIsInProgress(String status, String reason) {
        StackAction action = decide(DESIRED, stack(status), new StackMemory(OLD_HASH, HASH));

        assertThat(action).isEqualTo(new Wait(reason, "Stack roles is " + status + "."));
    }

    @Test
    void shouldStallWhenAChangeSetFromOutsideAwaitsReview() {
        assertStall(
                decide(DESIRED, stack("REVIEW_IN_PROGRESS"), StackMemory.NONE), StackReasons.STACK_IN_REVIEW, false);
    }

    // ---- steady state: no writes ----

    @Test
    void shouldMakeNoWriteWhenTheDesiredHashIsApplied() {
        assertThat(decide(DESIRED, stack("UPDATE_COMPLETE"), new StackMemory(HASH, null)))
                .isEqualTo(new Done(OUTPUTS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE"})
    void shouldBeDoneWhenItsOwnCreateOrUpdateSucceeded(String status) {
        assertThat(decide(DESIRED, stack(status), new StackMemory(OLD_HASH, HASH)))
                .isEqualTo(new Done(OUTPUTS));
    }

    @Test
    void shouldStayDoneWhenAnUpdateFromOutsideRolledBack() {
        assertThat(decide(DESIRED, stack("UPDATE_ROLLBACK_COMPLETE"), new StackMemory(HASH, null)))
                .isEqualTo(new Done(OUTPUTS));
    }

    @Test
    void shouldSwitchTerminationProtectionToTheSpec() {
        DesiredStack protectedStack = with(DESIRED, true, DeletionPolicy.RETAIN, false, false);
        StackMemory applied = new StackMemory(HASH, null);

        assertThat(decide(protectedStack, stack("CREATE_COMPLETE"), applied))
                .isEqualTo(new SetTerminationProtection(true));
        assertThat(decide(DESIRED, stack("CREATE_COMPLETE", ownTags(), true), applied))
                .isEqualTo(new SetTerminationProtection(false));
        assertThat(decide(protectedStack, stack("CREATE_COMPLETE", ownTags(), true), applied))
                .isEqualTo(new Done(OUTPUTS));
    }

    // ---- updates through change sets ----

    @Test
    void shouldCreateAChangeSetWhenTheSpecChanged() {
        assertThat(decide(DESIRED, stack("UPDATE_COMPLETE"), new StackMemory(OLD_HASH, null)))
                .isEqualTo(new CreateUpdateChangeSet(CHANGE_SET));
    }

    @Test
    void shouldIgnoreAChangeSetNamedForAnotherHash() {
        Optional<ObservedStack> observed = withChangeSet(
                stack("UPDATE_COMPLETE"),
                new ObservedChangeSet("proton-operator-" + OTHER_HASH, "CREATE_COMPLETE", "", "AVAILABLE"));

        assertThat(decide(DESIRED, observed, new StackMemory(OLD_HASH, null)))
                .isEqualTo(new CreateUpdateChangeSet(CHANGE_SET));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE_PENDING", "CREATE_IN_PROGRESS"})
    void shouldWaitWhileCloudFormationComputesTheChangeSet(String status) {
        assertThat(decide(DESIRED, pending(status, "", "UNAVAILABLE"), new StackMemory(OLD_HASH, null)))
                .isInstanceOfSatisfying(
                        Wait.class, wait -> assertThat(wait.reason()).isEqualTo(StackReasons.CHANGE_SET_CREATING));
    }

    @Test
    void shouldExecuteAComputedChangeSet() {
        assertThat(decide(DESIRED, pending("CREATE_COMPLETE", "", "AVAILABLE"), new StackMemory(OLD_HASH, null)))
                .isEqualTo(new ExecuteChangeSet(CHANGE_SET));
    }

    @ParameterizedTest
    @ValueSource(strings = {NO_CHANGES, "No updates are to be performed."})
    void shouldNeverExecuteAnEmptyChangeSet(String reason) {
        assertThat(decide(DESIRED, pending("FAILED", reason, "UNAVAILABLE"), new StackMemory(OLD_HASH, null)))
                .isEqualTo(new RecordNoChange(CHANGE_SET));
    }

    @Test
    void shouldMakeNoFurtherWriteOnceAnEmptyChangeSetIsRecorded() {
        StackMemory before = new StackMemory(OLD_HASH, null);
        StackAction first = decide(DESIRED, pending("FAILED", NO_CHANGES, "UNAVAILABLE"), before);
        StackMemory after = before.after(first, HASH);

        assertThat(StackDecision.needsChangeSet(DESIRED, after)).isFalse();
        assertThat(decide(DESIRED, stack("UPDATE_COMPLETE"), after)).isEqualTo(new Done(OUTPUTS));
    }

    @Test
    void shouldStallOnAChangeSetThatFailedForAnotherReason() {
        StackAction action = decide(
                DESIRED,
                pending("FAILED", "Template format error: unresolved resource X", "UNAVAILABLE"),
                new StackMemory(OLD_HASH, null));

        assertStall(action, StackReasons.CHANGE_SET_FAILED, false);
        assertThat(((Stall) action).message()).contains("Template format error: unresolved resource X");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EXECUTE_COMPLETE", "EXECUTE_FAILED", "OBSOLETE", "UNAVAILABLE"})
    void shouldDeleteAChangeSetThatCanNoLongerBeExecuted(String executionStatus) {
        assertThat(decide(DESIRED, pending("CREATE_COMPLETE", "", executionStatus), new StackMemory(OLD_HASH, null)))
                .isEqualTo(new DeleteChangeSet(CHANGE_SET));
    }

    @Test
    void shouldWaitWhileTheChangeSetExecutes() {
        assertThat(decide(
                        DESIRED,
                        pending("CREATE_COMPLETE", "", "EXECUTE_IN_PROGRESS"),
                        new StackMemory(OLD_HASH, null)))
                .isInstanceOfSatisfying(
                        Wait.class, wait -> assertThat(wait.reason()).isEqualTo(StackReasons.STACK_UPDATING));
    }

    @Test
    void shouldWaitForADeletedChangeSetAndThenCreateItAgain() {
        StackMemory memory = new StackMemory(OLD_HASH, null);

        assertThat(decide(DESIRED, pending("DELETE_IN_PROGRESS", "", "UNAVAILABLE"), memory))
                .isInstanceOfSatisfying(
                        Wait.class, wait -> assertThat(wait.reason()).isEqualTo(StackReasons.CHANGE_SET_DELETING));
        assertThat(decide(DESIRED, pending("DELETE_COMPLETE", "", "UNAVAILABLE"), memory))
                .isEqualTo(new CreateUpdateChangeSet(CHANGE_SET));
    }

    @Test
    void shouldStallOnAChangeSetThatCouldNotBeDeleted() {
        assertStall(
                decide(DESIRED, pending("DELETE_FAILED", "", "UNAVAILABLE"), new StackMemory(OLD_HASH, null)),
                StackReasons.CHANGE_SET_FAILED,
                false);
    }

    // ---- failed creates ----

    @ParameterizedTest
    @ValueSource(strings = {"ROLLBACK_COMPLETE", "CREATE_FAILED"})
    void shouldStayStalledOnAFailedCreateOfTheCurrentSpec(String status) {
        StackAction action = decide(DESIRED, stack(status), new StackMemory(null, HASH));

        assertStall(action, StackReasons.STACK_CREATE_FAILED, true);
        assertThat(((Stall) action).message()).contains(status, "Change the spec");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ROLLBACK_COMPLETE", "CREATE_FAILED"})
    void shouldDeleteAFailedCreateOfAnEarlierSpecToCreateItAnew(String status) {
        assertThat(decide(DESIRED, stack(status), new StackMemory(null, OLD_HASH)))
                .isEqualTo(new DeleteStack(DeleteStack.Purpose.RECREATE));
    }

    @Test
    void shouldDeleteAFailedCreateItFindsWhenAdopting() {
        assertThat(decide(DESIRED, stack("ROLLBACK_COMPLETE", Map.of(), false), StackMemory.NONE))
                .isEqualTo(new DeleteStack(DeleteStack.Purpose.RECREATE));
    }

    @Test
    void shouldLiftTerminationProtectionBeforeDeletingAFailedCreate() {
        assertThat(decide(DESIRED, stack("ROLLBACK_COMPLETE", ownTags(), true), new StackMemory(null, OLD_HASH)))
                .isEqualTo(new SetTerminationProtection(false));
    }

    @Test
    void shouldNotLoopCreateFailDeleteWhenTheCreateFails() {
        StackMemory memory = StackMemory.NONE;
        StackAction create = decide(DESIRED, Optional.empty(), memory);
        memory = memory.after(create, HASH);

        assertThat(create).isEqualTo(new CreateStack());
        assertThat(decide(DESIRED, stack("CREATE_IN_PROGRESS"), memory)).isInstanceOf(Wait.class);
        assertThat(decide(DESIRED, stack("ROLLBACK_IN_PROGRESS"), memory)).isInstanceOf(Wait.class);
        assertStall(decide(DESIRED, stack("ROLLBACK_COMPLETE"), memory), StackReasons.STACK_CREATE_FAILED, true);
    }

    // ---- failed updates ----

    @Test
    void shouldKeepARolledBackStackUsableButReportTheFailedUpdate() {
        StackAction action = decide(DESIRED, stack("UPDATE_ROLLBACK_COMPLETE"), new StackMemory(OLD_HASH, HASH));

        assertStall(action, StackReasons.STACK_UPDATE_FAILED, true);
        assertThat(((Stall) action).message()).contains("outputs stay valid");
    }

    @Test
    void shouldUpdateARolledBackStackOnceTheSpecChanges() {
        assertThat(decide(DESIRED, stack("UPDATE_ROLLBACK_COMPLETE"), new StackMemory(OLD_HASH, OTHER_HASH)))
                .isEqualTo(new CreateUpdateChangeSet(CHANGE_SET));
    }

    @ParameterizedTest
    @CsvSource({
        "DELETE_FAILED, StackDeleteFailed",
        "ROLLBACK_FAILED, StackRollbackFailed",
        "UPDATE_ROLLBACK_FAILED, StackRollbackFailed",
        "IMPORT_ROLLBACK_FAILED, StackRollbackFailed",
        "UPDATE_FAILED, StackUpdateFailed"
    })
    void shouldStallOnStatusesOnlyAPersonCanResolve(String status, String reason) {
        assertStall(decide(DESIRED, stack(status), new StackMemory(HASH, null)), reason, true);
    }

    @Test
    void shouldStallOnAStatusItDoesNotKnow() {
        assertStall(
                decide(DESIRED, stack("SOMETHING_NEW"), new StackMemory(HASH, null)),
                StackReasons.UNKNOWN_STACK_STATUS,
                false);
    }

    // ---- pausing ----

    @Test
    void shouldMakeNoWriteWhilePaused() {
        DesiredStack paused = with(DESIRED, false, DeletionPolicy.RETAIN, false, true);

        assertThat(decide(paused, Optional.empty(), StackMemory.NONE)).isEqualTo(new Paused());
        assertThat(decide(paused, stack("UPDATE_COMPLETE"), new StackMemory(OLD_HASH, null)))
                .isEqualTo(new Paused());
        assertThat(StackDecision.needsChangeSet(paused, new StackMemory(OLD_HASH, null)))
                .isFalse();
    }

    // ---- deletion ----

    @Test
    void shouldReleaseARetainedStack() {
        DesiredStack deleting = with(DESIRED, false, DeletionPolicy.RETAIN, true, false);

        assertThat(decide(deleting, stack("CREATE_COMPLETE"), new StackMemory(HASH, null)))
                .isInstanceOf(Release.class);
    }

    @Test
    void shouldReleaseWhenTheStackIsAlreadyGone() {
        DesiredStack deleting = with(DESIRED, false, DeletionPolicy.DELETE, true, false);

        assertThat(decide(deleting, Optional.empty(), StackMemory.NONE)).isInstanceOf(Release.class);
        assertThat(decide(deleting, stack("DELETE_COMPLETE"), StackMemory.NONE)).isInstanceOf(Release.class);
    }

    @Test
    void shouldNeverDeleteAnotherResourcesStack() {
        DesiredStack deleting = with(DESIRED, false, DeletionPolicy.DELETE, true, false);

        assertThat(decide(
                        deleting,
                        stack("CREATE_COMPLETE", Map.of(DesiredStack.OWNER_TAG, "other/roles"), false),
                        StackMemory.NONE))
                .isInstanceOf(Release.class);
    }

    /** A deletion with policy Delete lets another owner's stack be, whatever it is doing, and even while paused. */
    @ParameterizedTest
    @CsvSource({
        "CREATE_COMPLETE, false",
        "UPDATE_IN_PROGRESS, false",
        "ROLLBACK_COMPLETE, false",
        "DELETE_FAILED, false",
        "REVIEW_IN_PROGRESS, false",
        "CREATE_COMPLETE, true"
    })
    void shouldReleaseWithoutTouchingAnotherOwnersStackOnDeletion(String status, boolean paused) {
        DesiredStack deleting = DesiredStack.forDeletion("roles", ownTags(), paused);

        assertThat(decide(
                        deleting,
                        stack(status, Map.of(DesiredStack.OWNER_TAG, "other/roles"), false),
                        new StackMemory(HASH, null)))
                .isInstanceOf(Release.class);
    }

    /** Deleting needs the name and the owner only: the decision made without any template deletes the own stack. */
    @ParameterizedTest
    @CsvSource({
        "CREATE_COMPLETE, own, DeleteStack",
        "CREATE_COMPLETE, untagged, DeleteStack",
        "DELETE_COMPLETE, own, Release",
        "DELETE_IN_PROGRESS, own, Wait"
    })
    void shouldDecideADeletionWithoutTheTemplate(String status, String tags, String action) {
        DesiredStack deleting = DesiredStack.forDeletion("roles", ownTags(), false);
        Map<String, String> observedTags = tags.equals("own") ? ownTags() : Map.of();

        assertThat(decide(deleting, stack(status, observedTags, false), StackMemory.NONE)
                        .getClass()
                        .getSimpleName())
                .isEqualTo(action);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "ROLLBACK_COMPLETE", "REVIEW_IN_PROGRESS"})
    void shouldDeleteTheStackWithPolicyDelete(String status) {
        DesiredStack deleting = with(DESIRED, false, DeletionPolicy.DELETE, true, false);

        assertThat(decide(deleting, stack(status), new StackMemory(HASH, null)))
                .isEqualTo(new DeleteStack(DeleteStack.Purpose.DELETION_POLICY));
    }

    @Test
    void shouldStallDeletionOfATerminationProtectedStack() {
        DesiredStack deleting = with(DESIRED, true, DeletionPolicy.DELETE, true, false);

        assertStall(
                decide(deleting, stack("CREATE_COMPLETE", ownTags(), true), new StackMemory(HASH, null)),
                StackReasons.TERMINATION_PROTECTED,
                false);
    }

    @ParameterizedTest
    @CsvSource({"DELETE_IN_PROGRESS, StackDeleting", "UPDATE_IN_PROGRESS, StackUpdating"})
    void shouldWaitForAnOperationInProgressBeforeDeleting(String status, String reason) {
        DesiredStack deleting = with(DESIRED, false, DeletionPolicy.DELETE, true, false);

        assertThat(decide(deleting, stack(status), new StackMemory(HASH, null)))
                .isInstanceOfSatisfying(
                        Wait.class, wait -> assertThat(wait.reason()).isEqualTo(reason));
    }

    @Test
    void shouldStallWhenDeletingTheStackFailed() {
        DesiredStack deleting = with(DESIRED, false, DeletionPolicy.DELETE, true, false);

        assertStall(
                decide(deleting, stack("DELETE_FAILED"), new StackMemory(HASH, null)),
                StackReasons.STACK_DELETE_FAILED,
                true);
    }

    @Test
    void shouldNotDeleteWhilePausedButStillReleaseARetainedStack() {
        assertThat(decide(
                        with(DESIRED, false, DeletionPolicy.DELETE, true, true),
                        stack("CREATE_COMPLETE"),
                        new StackMemory(HASH, null)))
                .isEqualTo(new Paused());
        assertThat(decide(
                        with(DESIRED, false, DeletionPolicy.RETAIN, true, true),
                        stack("CREATE_COMPLETE"),
                        new StackMemory(HASH, null)))
                .isInstanceOf(Release.class);
    }

    // ---- which observations the decision needs ----

    @Test
    void shouldLookForTheChangeSetOnlyWhileTheDesiredStateIsNotApplied() {
        assertThat(StackDecision.needsChangeSet(DESIRED, new StackMemory(OLD_HASH, null)))
                .isTrue();
        assertThat(StackDecision.needsChangeSet(DESIRED, StackMemory.NONE)).isTrue();
        assertThat(StackDecision.needsChangeSet(DESIRED, new StackMemory(HASH, null)))
                .isFalse();
        assertThat(StackDecision.needsChangeSet(
                        with(DESIRED, false, DeletionPolicy.DELETE, true, false), new StackMemory(OLD_HASH, null)))
                .isFalse();
    }

    // ---- fixtures ----

    private static StackAction decide(DesiredStack desired, Optional<ObservedStack> observed, StackMemory memory) {
        return StackDecision.decide(desired, observed, memory);
    }

    private static DesiredStack with(
            DesiredStack base, boolean terminationProtection, DeletionPolicy policy, boolean deleting, boolean paused) {
        return new DesiredStack(
                base.stackName(),
                base.templateBody(),
                base.parameters(),
                base.capabilities(),
                base.tags(),
                terminationProtection,
                policy,
                deleting,
                paused,
                base.desiredHash(),
                base.management(),
                base.adoption());
    }

    private static Map<String, String> ownTags() {
        return Map.of(DesiredStack.OWNER_TAG, OWNER, "team", "platform");
    }

    private static Optional<ObservedStack> stack(String status) {
        return stack(status, ownTags(), false);
    }

    private static Optional<ObservedStack> stack(
            String status, Map<String, String> tags, boolean terminationProtection) {
        return Optional.of(new ObservedStack(
                "arn:aws:cloudformation:us-east-1:222222222222:stack/roles/1",
                status,
                "",
                tags,
                terminationProtection,
                OUTPUTS,
                Optional.empty()));
    }

    private static Optional<ObservedStack> pending(String status, String reason, String executionStatus) {
        return withChangeSet(
                stack("UPDATE_COMPLETE"), new ObservedChangeSet(CHANGE_SET, status, reason, executionStatus));
    }

    private static Optional<ObservedStack> withChangeSet(Optional<ObservedStack> stack, ObservedChangeSet changeSet) {
        return stack.map(observed -> observed.withChangeSet(Optional.of(changeSet)));
    }

    private static void assertStall(StackAction action, String reason, boolean explainWithStackEvents) {
        assertThat(action).isInstanceOfSatisfying(Stall.class, stall -> {
            assertThat(stall.reason()).isEqualTo(reason);
            assertThat(stall.explainWithStackEvents()).isEqualTo(explainWithStackEvents);
            assertThat(stall.message()).contains("roles");
        });
    }
}
