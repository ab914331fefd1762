package dev.ops.proton.roles;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * One {@code *_FAILED} stack event, the explanation CloudFormation gives for a failed create, update or delete (a
 * failing resource makes the stack roll back; the API call itself succeeded). The reconciler copies these into
 * {@code status.failure.events}.
 */
public record StackFailureEvent(String logicalResourceId, String resourceType, String resourceStatus, String reason) {

    private static final String STACK_TYPE = "AWS::CloudFormation::Stack";
    /** Stack statuses that begin an operation; rollbacks and cleanups belong to the operation they follow. */
    private static final Set<String> OPERATION_STARTS = Set.of(
            "CREATE_IN_PROGRESS",
            "UPDATE_IN_PROGRESS",
            "DELETE_IN_PROGRESS",
            "IMPORT_IN_PROGRESS",
            "REVIEW_IN_PROGRESS");

    /**
     * The failure events of the stack's latest operation, newest first, from events given newest first (as
     * DescribeStackEvents returns them; read lazily, so older pages are not fetched). With more than {@code limit}
     * failures the oldest are kept: the first failure is the cause, later ones are mostly cancellations it caused.
     */
    public static List<StackFailureEvent> ofLatestOperation(Iterable<StackEvent> newestFirst, int limit) {
        List<StackFailureEvent> failures = new ArrayList<>();
        for (StackEvent event : newestFirst) {
            String status = event.resourceStatusAsString();
            if (status != null && status.endsWith("_FAILED")) {
                failures.add(new StackFailureEvent(
                        event.logicalResourceId(),
                        event.resourceType(),
                        status,
                        event.resourceStatusReason() == null ? "" : event.resourceStatusReason()));
            }
            if (startsOperation(event)) {
                break;
            }
        }
        return List.copyOf(failures.subList(Math.max(0, failures.size() - limit), failures.size()));
    }

    private static boolean startsOperation(StackEvent event) {
        return STACK_TYPE.equals(event.resourceType())
                && event.logicalResourceId() != null
                && event.logicalResourceId().equals(event.stackName())
                && OPERATION_STARTS.contains(event.resourceStatusAsString());
    }
}
