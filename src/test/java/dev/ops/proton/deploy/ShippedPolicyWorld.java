package dev.ops.proton.deploy;

import static org.awaitility.Awaitility.await;

import dev.ops.proton.connection.AcceptSideGateway;
import dev.ops.proton.connection.ConnectionGateway;
import dev.ops.proton.connection.ConnectionRoleArns;
import dev.ops.proton.connection.DesiredConnection;
import dev.ops.proton.connection.ObservedConnection;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.model.AdoptionPolicy;
import dev.ops.proton.model.ManagementPolicy;
import dev.ops.proton.roles.DesiredStack;
import dev.ops.proton.roles.ObservedStack;
import dev.ops.proton.roles.StackGateway;
import dev.ops.proton.testing.AccountBootstrap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.proton.ProtonClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Accounts bootstrapped with the shipped policies exactly (the workshop's stack and role names), and the operator's
 * own gateways acting in them with the credentials the operator uses: its own role's session in its account (the
 * management account of the workshop), the environment account's role assumed with its ExternalId, a second
 * management account reached through its role. Every world has fresh account ids, so cases don't share state.
 */
final class ShippedPolicyWorld {

    static final String STACK = "AWSProtonWorkshop-AccountConnectionRoles";
    static final String OWNER = "platform/prod-roles";
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final String TEMPLATE = builtinTemplate();

    final LocalAws localAws;
    final String operatorAccount;
    final String environmentAccount;
    final String managementAccount;
    final String externalId = "external-id-for-the-minimality-test";
    final AccountBootstrap bootstrap;
    private final Credentials operatorSession;

    ShippedPolicyWorld(LocalAws localAws) {
        int n = NEXT.incrementAndGet();
        this.localAws = localAws;
        this.operatorAccount = String.format("4%011d", n);
        this.environmentAccount = String.format("5%011d", n);
        this.managementAccount = String.format("6%011d", n);
        this.bootstrap = new AccountBootstrap(localAws.endpoint(), operatorAccount, AccountBootstrap.Names.shipped());
        AccountBootstrap.OperatorCredentials operator = bootstrap.operator();
        this.operatorSession = Credentials.builder()
                .accessKeyId(operator.accessKeyId())
                .secretAccessKey(operator.secretAccessKey())
                .sessionToken(operator.sessionToken())
                .build();
        bootstrap.account(environmentAccount, externalId);
        bootstrap.account(managementAccount);
    }

    // ---- identities the operator uses --------------------------------------------------------------------

    StsClient operatorSts() {
        return LocalAwsClients.session(localAws, operatorSession)
                .withoutRetries()
                .sts();
    }

    /** The AwsAccount verification's AssumeRole into the environment account. */
    Credentials assumeEnvironmentRole() {
        return operatorSts()
                .assumeRole(r -> r.roleArn(AccountBootstrap.accountRoleArn(environmentAccount))
                        .roleSessionName("proton-connection-operator")
                        .externalId(externalId))
                .credentials();
    }

    /** The same AssumeRole from an operator session carrying EKS Pod Identity's transitive session tags. */
    Credentials assumeEnvironmentRoleWithTransitiveTags() {
        Credentials podIdentity = LocalAwsClients.root(localAws, operatorAccount)
                .sts()
                .assumeRole(r -> r.roleArn(bootstrap.operatorRoleArn())
                        .roleSessionName("eks-pod-identity")
                        .tags(t -> t.key("eks-cluster-name").value("platform"))
                        .transitiveTagKeys("eks-cluster-name"))
                .credentials();
        return LocalAwsClients.session(localAws, podIdentity)
                .withoutRetries()
                .sts()
                .assumeRole(r -> r.roleArn(AccountBootstrap.accountRoleArn(environmentAccount))
                        .roleSessionName("proton-connection-operator")
                        .externalId(externalId))
                .credentials();
    }

    private LocalAwsClients environment() {
        return LocalAwsClients.session(localAws, assumeEnvironmentRole()).withoutRetries();
    }

    private ProtonClient managementProton() {
        Credentials session = operatorSts()
                .assumeRole(r -> r.roleArn(AccountBootstrap.accountRoleArn(managementAccount))
                        .roleSessionName("proton-connection-operator"))
                .credentials();
        return LocalAwsClients.session(localAws, session).withoutRetries().proton();
    }

    private ProtonClient operatorProton() {
        return LocalAwsClients.session(localAws, operatorSession)
                .withoutRetries()
                .proton();
    }

    StackGateway stacks() {
        return new StackGateway(environment().cloudFormation());
    }

    /** Connections requested by the environment account of the management account reached through its role. */
    ConnectionGateway connectionsToManagementRole() {
        return new ConnectionGateway(environment().proton(), managementProton());
    }

    /** Connections requested by the environment account of the operator's own account (the workshop layout). */
    ConnectionGateway connectionsToOperatorAccount() {
        return new ConnectionGateway(environment().proton(), operatorProton());
    }

    /** The accept-only side in the management account reached through its role. */
    AcceptSideGateway acceptSideThroughRole() {
        return new AcceptSideGateway(managementProton());
    }

    /** The accept-only side in the operator's own (management) account. */
    AcceptSideGateway acceptSideAsOperator() {
        return new AcceptSideGateway(operatorProton());
    }

    // ---- what the operator asks for ---------------------------------------------------------------------

    DesiredStack desiredStack(String trustedAccount, Map<String, String> extraTags) {
        Map<String, String> tags = new java.util.TreeMap<>(extraTags);
        tags.put(DesiredStack.OWNER_TAG, OWNER);
        return DesiredStack.of(
                STACK,
                TEMPLATE,
                Map.of("EnvironmentAccountId", trustedAccount),
                Set.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"),
                tags,
                false,
                DesiredStack.DeletionPolicy.DELETE,
                false,
                false,
                ManagementPolicy.FullControl,
                AdoptionPolicy.AdoptOrCreate);
    }

    DesiredStack desiredStack() {
        return desiredStack(managementAccount, Map.of());
    }

    String protonRoleArn() {
        return "arn:aws:iam::" + environmentAccount + ":role/EnvironmentAccountProtonRole";
    }

    DesiredConnection desiredConnection(String management, String environmentName) {
        return new DesiredConnection(
                OWNER,
                environmentName,
                environmentAccount,
                management,
                new ConnectionRoleArns(protonRoleArn(), null, null),
                true,
                false,
                false,
                true);
    }

    ObservedConnection requestConnection(ConnectionGateway gateway, String management, String name) {
        return gateway.create(
                        desiredConnection(management, name),
                        ConnectionGateway.clientToken(name, null),
                        Map.of(DesiredStack.OWNER_TAG, OWNER))
                .connection();
    }

    // ---- waiting --------------------------------------------------------------------------------------------

    /** Waits for the stack's operation to end; returns the stack (empty status when it is gone). */
    ObservedStack awaitStackSettled(StackGateway gateway) {
        ObservedStack[] last = new ObservedStack[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            last[0] = gateway.observe(STACK).orElse(null);
            return last[0] == null || !last[0].stackStatus().endsWith("_IN_PROGRESS");
        });
        return last[0];
    }

    private static String builtinTemplate() {
        try (InputStream in =
                ShippedPolicyWorld.class.getResourceAsStream("/templates/environment-account-roles.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
