package dev.ops.proton.connection;

import static dev.ops.proton.connection.ConnectionReferences.ids;
import static dev.ops.proton.connection.ConnectionReferences.primaries;
import static dev.ops.proton.connection.ConnectionReferences.rolesNames;

import dev.ops.proton.account.AccountInformers;
import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.roles.ConnectionRoles;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.function.Consumer;

/**
 * What wakes a connection: its AwsAccounts (cluster-wide, whatever namespaces are watched) and the ConnectionRoles
 * whose outputs it uses, found through indexes on the connection cache; and its deletion, to forget what was kept
 * about it in memory.
 */
final class ConnectionEventSources {

    static final String BY_ROLES = "byConnectionRoles";

    private ConnectionEventSources() {}

    static List<EventSource<?, EnvironmentAccountConnection>> prepare(
            EventSourceContext<EnvironmentAccountConnection> context, OperatorConfig config, Consumer<String> forget) {
        context.getPrimaryCache()
                .addIndexer(
                        BY_ROLES,
                        c -> rolesNames(c).stream()
                                .map(name -> c.getMetadata().getNamespace() + "/" + name)
                                .toList());
        var accountSource = AccountInformers.dependentsSource(
                EnvironmentAccountConnection.class, context, config, ConnectionReferences::accountNames);
        var rolesSource = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(ConnectionRoles.class, EnvironmentAccountConnection.class)
                        .withNamespacesInheritedFromController()
                        .withPrimaryToSecondaryMapper((EnvironmentAccountConnection c) ->
                                ids(rolesNames(c), c.getMetadata().getNamespace()))
                        .withSecondaryToPrimaryMapper(roles -> primaries(context.getPrimaryCache()
                                .byIndex(
                                        BY_ROLES,
                                        roles.getMetadata().getNamespace() + "/"
                                                + roles.getMetadata().getName())))
                        .build(),
                context);
        return List.of(accountSource, rolesSource, new ForgetDeletedConnections(forget));
    }
}
