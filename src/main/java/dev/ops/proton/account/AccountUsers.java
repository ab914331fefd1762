package dev.ops.proton.account;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The resources using each AwsAccount, as the AwsAccount controller's informers see them (one per user kind,
 * indexed by account name, over the namespaces the operator watches), so that an AwsAccount in use cannot disappear
 * under its users, as Crossplane's ProviderConfigUsage keeps a ProviderConfig. A user's change or deletion wakes
 * only an account being deleted: the others have nothing to do with it.
 */
public final class AccountUsers {

    static final String BY_ACCOUNT = "byAccount";
    private static final int NAMED = 3;

    private final List<InformerEventSource<? extends HasMetadata, AwsAccount>> sources = new ArrayList<>();

    /** The informers of the user kinds, for the AwsAccount controller's event sources. */
    public static AccountUsers watching(
            Iterable<AccountUserKind<?>> kinds, Set<String> namespaces, EventSourceContext<AwsAccount> context) {
        AccountUsers users = new AccountUsers();
        for (AccountUserKind<?> kind : kinds) {
            users.sources.add(informer(kind, namespaces, context));
        }
        return users;
    }

    public List<EventSource<?, AwsAccount>> eventSources() {
        return List.copyOf(sources);
    }

    /** The users of the account, as {@code Kind namespace/name}, sorted. */
    public List<String> of(String accountName) {
        Set<String> names = new TreeSet<>();
        for (var source : sources) {
            for (HasMetadata user : source.byIndex(BY_ACCOUNT, accountName)) {
                names.add(user.getKind() + " " + user.getMetadata().getNamespace() + "/"
                        + user.getMetadata().getName());
            }
        }
        return List.copyOf(names);
    }

    /** "used by 3 resources: ConnectionRoles platform/prod-roles, ..." naming at most a few. */
    public static String describe(String accountName, List<String> users) {
        String named = users.stream().limit(NAMED).collect(Collectors.joining(", "));
        return "AwsAccount " + accountName + " is used by " + users.size()
                + (users.size() == 1 ? " resource: " : " resources: ") + named
                + (users.size() > NAMED ? ", ..." : "")
                + "; it is deleted once the last of them is gone (their own deletions still act through it)";
    }

    private static <U extends HasMetadata> InformerEventSource<U, AwsAccount> informer(
            AccountUserKind<U> kind, Set<String> namespaces, EventSourceContext<AwsAccount> context) {
        InformerEventSource<U, AwsAccount> source = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(kind.type(), AwsAccount.class)
                        .withName(kind.type().getSimpleName() + "Users")
                        .withNamespaces(namespaces)
                        .withSecondaryToPrimaryMapper(user -> kind.accountNames(user).stream()
                                .map(ResourceID::new)
                                .filter(id -> context.getPrimaryCache()
                                        .get(id)
                                        .map(HasMetadata::isMarkedForDeletion)
                                        .orElse(false))
                                .collect(Collectors.toSet()))
                        .build(),
                context);
        source.addIndexers(Map.of(BY_ACCOUNT, user -> new ArrayList<>(kind.accountNames(user))));
        return source;
    }
}
