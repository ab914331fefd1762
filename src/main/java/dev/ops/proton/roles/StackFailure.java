package dev.ops.proton.roles;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Why the last create or update of the stack failed, from its stack events. */
public record StackFailure(
        @JsonPropertyDescription("The stack's status reason.")
        String reason,

        @JsonPropertyDescription("The failed resource events of the operation, newest first.")
        List<FailureEvent> events) {

    /** One failed resource event. */
    public record FailureEvent(
            String logicalResourceId, String resourceType, String resourceStatus, String resourceStatusReason) {}
}
