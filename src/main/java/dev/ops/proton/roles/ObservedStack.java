package dev.ops.proton.roles;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * What DescribeStacks (and, while an update is pending, DescribeChangeSet) showed of a ConnectionRoles stack: the
 * input of {@link StackDecision} besides the spec. The status stays a string so a status AWS adds later is still
 * carried, not lost to the SDK's {@code UNKNOWN_TO_SDK_VERSION}.
 *
 * @param changeSet the change set named for the desired hash, when the reconciler looked for it and it exists
 */
public record ObservedStack(
        String stackId,
        String stackStatus,
        String statusReason,
        Map<String, String> tags,
        boolean terminationProtection,
        Map<String, String> outputs,
        Optional<ObservedChangeSet> changeSet) {

    public ObservedStack {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(stackStatus, "stackStatus");
        statusReason = statusReason == null ? "" : statusReason;
        tags = Map.copyOf(tags);
        outputs = Map.copyOf(outputs);
        Objects.requireNonNull(changeSet, "changeSet");
    }

    /** Maps one stack of a DescribeStacks response. */
    public static ObservedStack from(Stack stack) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : stack.tags()) {
            tags.put(tag.key(), tag.value());
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Output output : stack.outputs()) {
            if (output.outputValue() != null) {
                outputs.put(output.outputKey(), output.outputValue());
            }
        }
        return new ObservedStack(
                stack.stackId(),
                stack.stackStatusAsString(),
                stack.stackStatusReason(),
                tags,
                Boolean.TRUE.equals(stack.enableTerminationProtection()),
                outputs,
                Optional.empty());
    }

    /** The same observation with the pending change set seen by DescribeChangeSet. */
    public ObservedStack withChangeSet(Optional<ObservedChangeSet> pending) {
        return new ObservedStack(stackId, stackStatus, statusReason, tags, terminationProtection, outputs, pending);
    }

    /** The {@link DesiredStack#OWNER_TAG} value, or null when the stack has none (it may be adopted). */
    public String owner() {
        return tags.get(DesiredStack.OWNER_TAG);
    }
}
