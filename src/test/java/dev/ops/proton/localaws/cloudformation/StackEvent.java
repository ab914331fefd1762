package dev.ops.proton.localaws.cloudformation;

import java.time.Instant;

/** One entry of DescribeStackEvents. */
record StackEvent(
        String eventId,
        String logicalResourceId,
        String physicalResourceId,
        String resourceType,
        Instant timestamp,
        String resourceStatus,
        String resourceStatusReason) {}
