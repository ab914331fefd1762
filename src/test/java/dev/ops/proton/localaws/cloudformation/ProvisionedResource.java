package dev.ops.proton.localaws.cloudformation;

import java.util.Map;

/**
 * A resource a stack created: its physical id (what Ref returns), its Fn::GetAtt attributes, and the resolved
 * properties it was last provisioned with (to tell an update from a no-op and to roll back).
 */
record ProvisionedResource(
        String logicalId,
        String type,
        String physicalId,
        Map<String, String> attributes,
        Map<String, Object> properties) {}
