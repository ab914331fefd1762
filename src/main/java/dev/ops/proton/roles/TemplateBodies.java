package dev.ops.proton.roles;

import io.fabric8.kubernetes.api.model.ConfigMap;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a ConnectionRoles template body from where its spec points: a built-in template shipped on the classpath
 * (read once), the inline body, or a key of a ConfigMap in the resource's namespace.
 */
@ApplicationScoped
public class TemplateBodies {

    private final Map<BuiltinTemplate, String> builtins = new EnumMap<>(BuiltinTemplate.class);

    /** The template body, or empty when the referenced ConfigMap or key does not exist. */
    public Optional<String> bodyOf(TemplateSource source, Optional<ConfigMap> configMap) {
        if (source.builtin() != null) {
            return Optional.of(builtin(source.builtin()));
        }
        if (source.inline() != null) {
            return Optional.of(source.inline());
        }
        return configMap
                .map(ConfigMap::getData)
                .map(data -> data.get(source.configMapRef().key()));
    }

    public synchronized String builtin(BuiltinTemplate template) {
        return builtins.computeIfAbsent(template, TemplateBodies::load);
    }

    private static String load(BuiltinTemplate template) {
        try (InputStream in = TemplateBodies.class.getClassLoader().getResourceAsStream(template.resource())) {
            if (in == null) {
                throw new IllegalStateException("built-in template missing from the classpath: " + template.resource());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
