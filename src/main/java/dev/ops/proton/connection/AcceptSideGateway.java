package dev.ops.proton.connection;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.proton.ProtonClient;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionRequesterAccountType;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionStatus;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionSummary;

/**
 * The Proton calls of the accept-only side, all in the management account (the only account it acts in): list the
 * requests for an environment name, accept, reject. Apart from {@link ConnectionGateway}, which always holds an
 * environment account's client, because this side has none. SDK errors propagate for the caller to classify.
 */
public final class AcceptSideGateway {

    private final ProtonClient managementAccount;

    public AcceptSideGateway(ProtonClient managementAccount) {
        this.managementAccount = managementAccount;
    }

    /**
     * The PENDING and CONNECTED connections requested of this management account for the environment name, from any
     * environment account, oldest first (every page). CONNECTED too, so that a resync follows the accepted connection
     * with this one call, and a connection accepted before the resource existed is recognised without a write.
     */
    public List<ObservedConnection> requestsFor(String environmentName) {
        List<ObservedConnection> requests = new ArrayList<>();
        for (EnvironmentAccountConnectionSummary summary : managementAccount
                .listEnvironmentAccountConnectionsPaginator(
                        r -> r.requestedBy(EnvironmentAccountConnectionRequesterAccountType.MANAGEMENT_ACCOUNT)
                                .environmentName(environmentName)
                                .statuses(
                                        EnvironmentAccountConnectionStatus.PENDING,
                                        EnvironmentAccountConnectionStatus.CONNECTED))
                .environmentAccountConnections()) {
            requests.add(ObservedConnection.ofSummary(summary));
        }
        return requests;
    }

    public ObservedConnection accept(ObservedConnection request) {
        return ObservedConnection.of(
                managementAccount
                        .acceptEnvironmentAccountConnection(r -> r.id(request.id()))
                        .environmentAccountConnection(),
                null);
    }

    public ObservedConnection reject(ObservedConnection request) {
        return ObservedConnection.of(
                managementAccount
                        .rejectEnvironmentAccountConnection(r -> r.id(request.id()))
                        .environmentAccountConnection(),
                null);
    }
}
