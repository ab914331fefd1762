package dev.ops.proton.localaws.cloudformation.template;

import java.util.List;

/** A template parameter as declared in its {@code Parameters} section. */
public record ParameterDeclaration(
        String name,
        String type,
        String defaultValue,
        List<String> allowedValues,
        String allowedPattern,
        Integer minLength,
        Integer maxLength,
        boolean noEcho,
        String description) {}
