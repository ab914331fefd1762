package dev.ops.proton.connection;

import dev.ops.proton.account.AccountResolver;
import dev.ops.proton.account.AccountSession;
import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.aws.AwsClients;
import dev.ops.proton.status.Progress;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/**
 * The accounts a connection acts in, resolved from its AwsAccount references (namespace allowed, verified), and the
 * Proton clients for them: the environment account always, the management account when the operator may act there
 * (managementAccountRef).
 */
final class ConnectionAccounts {

    private final AccountResolver accounts;
    private final AwsClients clients;

    ConnectionAccounts(AccountResolver accounts, AwsClients clients) {
        this.accounts = accounts;
        this.clients = clients;
    }

    /** Both sessions, or why one of them can't be used ({@code blocked}). */
    record Sessions(
            AccountSession environment, AccountSession management, String managementAccountId, Progress blocked) {

        boolean isResolved() {
            return blocked == null;
        }

        HandshakeSides sides(ConnectionRoleArns roles) {
            return new HandshakeSides(environment, management, managementAccountId, roles);
        }
    }

    Sessions resolve(EnvironmentAccountConnection connection, Context<EnvironmentAccountConnection> context) {
        EnvironmentAccountConnectionSpec spec = connection.getSpec();
        String namespace = connection.getMetadata().getNamespace();
        AccountResolver.Resolution environment = accounts.resolve(
                account(context, spec.environmentAccountRef()), spec.environmentAccountRef(), namespace);
        if (!environment.isResolved()) {
            return new Sessions(null, null, null, environment.blocked());
        }
        if (spec.managementAccountRef() == null) {
            return new Sessions(environment.session(), null, spec.managementAccountId(), null);
        }
        AccountResolver.Resolution management =
                accounts.resolve(account(context, spec.managementAccountRef()), spec.managementAccountRef(), namespace);
        if (!management.isResolved()) {
            return new Sessions(null, null, null, management.blocked());
        }
        return new Sessions(
                environment.session(),
                management.session(),
                management.session().accountId(),
                null);
    }

    ConnectionGateway gateway(Sessions sessions) {
        AccountSession environment = sessions.environment();
        return new ConnectionGateway(
                clients.proton(environment.accountId(), environment.credentials(), environment.region()),
                sessions.management() == null
                        ? null
                        : clients.proton(
                                sessions.management().accountId(),
                                sessions.management().credentials(),
                                environment.region()));
    }

    private static Optional<AwsAccount> account(Context<EnvironmentAccountConnection> context, String name) {
        return context.getSecondaryResources(AwsAccount.class).stream()
                .filter(a -> a.getMetadata().getName().equals(name))
                .findFirst();
    }
}
