package dev.ops.proton.localaws.cloudformation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A change set: the proposed template, parameters and tags, and the resource changes they would make. */
final class ChangeSet {

    /** One entry of DescribeChangeSet's Changes. */
    record ResourceChange(
            String action, String logicalId, String physicalId, String resourceType, String replacement) {}

    final String id;
    final String name;
    final String type;
    final Instant creationTime;
    final StackDefinition definition;
    final List<ResourceChange> changes;
    final String description;
    String status;
    String statusReason;
    String executionStatus;

    ChangeSet(
            String id,
            String name,
            String type,
            Instant creationTime,
            StackDefinition definition,
            List<ResourceChange> changes,
            String description) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.creationTime = creationTime;
        this.definition = definition;
        this.changes = changes;
        this.description = description;
    }

    /** What a stack is made from: template, parameters, capabilities and tags. */
    record StackDefinition(
            String templateBody, Map<String, String> parameters, List<String> capabilities, Map<String, String> tags) {}
}
