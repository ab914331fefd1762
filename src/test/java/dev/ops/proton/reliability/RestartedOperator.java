package dev.ops.proton.reliability;

import dev.ops.proton.account.AccountCredentials;
import dev.ops.proton.account.AccountResolver;
import dev.ops.proton.account.AccountUsage;
import dev.ops.proton.account.AwsAccountReconciler;
import dev.ops.proton.account.AwsAccountSettings;
import dev.ops.proton.aws.AwsCallMetrics;
import dev.ops.proton.aws.AwsClients;
import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.connection.ConnectionStateMetrics;
import dev.ops.proton.connection.EnvironmentAccountConnectionReconciler;
import dev.ops.proton.roles.ConnectionRolesReconciler;
import dev.ops.proton.roles.TemplateBodies;
import dev.ops.proton.status.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What a new operator process starts with: a new JOSDK {@link Operator} (new informer caches, timers and retry
 * state) running new instances of the three reconcilers and of every collaborator that remembers anything (the
 * connection ids Create returned, the verified credentials per account, the clients built for them). Only the
 * stateless plumbing of the running application is shared: the Kubernetes client, the settings, the event
 * recorder, the template bodies and the metrics registry.
 */
@ApplicationScoped
public class RestartedOperator {

    @Inject
    KubernetesClient client;

    @Inject
    OperatorConfig config;

    @Inject
    AwsAccountSettings settings;

    @Inject
    EventRecorder events;

    @Inject
    TemplateBodies templates;

    @Inject
    AccountUsage usage;

    @Inject
    ConnectionStateMetrics connectionMetrics;

    @Inject
    AwsCallMetrics callMetrics;

    /** Starts a second operator process with empty memory; the caller stops it. */
    public Operator start() {
        Operator operator = new Operator(o -> o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .checkingCRDAndValidateLocalModel(false));
        AwsClients clients = new AwsClients(config, callMetrics);
        AccountCredentials credentials = new AccountCredentials(clients);
        AccountResolver accounts = new AccountResolver(client, credentials, settings, config);
        operator.register(new AwsAccountReconciler(settings, credentials, clients, events, config, usage));
        operator.register(new ConnectionRolesReconciler(accounts, clients, templates, events, config));
        operator.register(
                new EnvironmentAccountConnectionReconciler(accounts, clients, events, config, connectionMetrics));
        operator.start();
        return operator;
    }
}
