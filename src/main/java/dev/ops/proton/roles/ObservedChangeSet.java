package dev.ops.proton.roles;

import java.util.Objects;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;

/**
 * What DescribeChangeSet showed of the change set that would move a stack to the desired state. CloudFormation
 * answers a change set without changes not with an error but with status {@code FAILED} and the reason "The
 * submitted information didn't contain changes...", which {@link #hasNoChanges()} recognises: such a change set is
 * never executed.
 */
public record ObservedChangeSet(String name, String status, String statusReason, String executionStatus) {

    private static final String NO_CHANGES = "didn't contain changes";
    private static final String NO_UPDATES = "No updates are to be performed";

    public ObservedChangeSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        statusReason = statusReason == null ? "" : statusReason;
        executionStatus = executionStatus == null ? "" : executionStatus;
    }

    public static ObservedChangeSet from(DescribeChangeSetResponse response) {
        return new ObservedChangeSet(
                response.changeSetName(),
                response.statusAsString(),
                response.statusReason(),
                response.executionStatusAsString());
    }

    /** True for the FAILED change set CloudFormation makes when the desired state equals the stack's. */
    public boolean hasNoChanges() {
        return "FAILED".equals(status) && (statusReason.contains(NO_CHANGES) || statusReason.contains(NO_UPDATES));
    }
}
