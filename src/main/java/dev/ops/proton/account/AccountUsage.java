package dev.ops.proton.account;

import io.javaoperatorsdk.operator.api.reconciler.Constants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the AwsAccount controller needs to find an account's users: the user kinds (beans of the kinds' own
 * packages) and the namespaces the operator watches for them (WATCH_NAMESPACES: the AwsAccount controller itself
 * watches cluster-wide, its users only where this installation reconciles them).
 */
@ApplicationScoped
public class AccountUsage {

    private final List<AccountUserKind<?>> kinds;
    private final Set<String> namespaces;

    public AccountUsage(
            @Any Instance<AccountUserKind<?>> kinds,
            @ConfigProperty(name = "quarkus.operator-sdk.namespaces", defaultValue = Constants.WATCH_ALL_NAMESPACES)
                    List<String> namespaces) {
        this.kinds = kinds.stream().toList();
        this.namespaces = new LinkedHashSet<>(namespaces);
    }

    public List<AccountUserKind<?>> kinds() {
        return kinds;
    }

    public Set<String> watchedNamespaces() {
        return namespaces;
    }
}
