package dev.ops.proton.localaws.cloudformation.template;

import java.util.List;
import java.util.Map;

/** A resource as declared in the template, before intrinsic functions are resolved. */
public record ResourceDeclaration(
        String logicalId, String type, Map<String, Object> properties, List<String> dependsOn, String condition) {}
