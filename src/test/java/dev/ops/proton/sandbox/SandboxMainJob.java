package dev.ops.proton.sandbox;

import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.connection.Acceptance;
import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.kubeapi.EmbeddedKubeApi;
import dev.ops.proton.process.PackagedOperator;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.status.ReconcileRequest;
import dev.ops.proton.testing.AccountBootstrap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The main job: the whole workshop flow without a cluster or an AWS account. Runs the packaged operator
 * ({@code target/quarkus-app}, prod profile, leader election on) as its own process against the embedded Kubernetes
 * API ({@link EmbeddedKubeApi}) and the local AWS endpoint, bootstraps the example accounts as an admin would (each
 * account's root creates the role the operator assumes, with the ExternalId the example uses), applies
 * deploy/examples/, shows progress, and ends with a table like {@code kubectl get proton}. The operator's own log
 * goes to a file whose path is printed. Then it keeps running for the AWS CLI, or with
 * {@code SANDBOX_EXIT_WHEN_READY=true} ends: exit 0 once every example is where it should be (Ready, every connection
 * CONNECTED: the Manual one accepted by the accept-only side playing the management account's cluster), non-zero with a diagnosis after {@code SANDBOX_TIMEOUT_SECONDS} (default
 * 180) or if the operator process dies. Run by the README's main-job command ({@code package -Psandbox}).
 */
public final class SandboxMainJob {

    private static final Path EXAMPLES = Path.of("deploy/examples");
    private static final String OPERATOR_NAMESPACE = "proton-operator";
    private static final Path WORK = Path.of("target", "sandbox");
    /**
     * Brisker than production so that the sandbox shows the flow quickly and notices a person's acceptance within
     * seconds; every other setting is the packaged operator's own.
     */
    private static final Map<String, String> OPERATOR_SETTINGS = Map.of(
            "POD_NAMESPACE", OPERATOR_NAMESPACE,
            "PROTON_OPERATOR_POLL_INTERVAL", "500ms",
            "PROTON_OPERATOR_STALLED_RECHECK", "5s",
            "PROTON_OPERATOR_RESYNC_PERIOD", "30s");

    private final KubernetesClient client;
    private final PrintStream out = System.out;

    private SandboxMainJob(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Exits non-zero on any failure: the embedded API server's and the local endpoint's threads would otherwise keep
     * the JVM (and a CI job waiting on it) alive after an exception in {@code main}.
     */
    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.err.println("The sandbox failed before every example was where it should be: " + failure);
            System.exit(2);
        }
    }

    private static void run() throws Exception {
        SandboxAwsResource aws = new SandboxAwsResource();
        aws.start();
        EmbeddedKubeApi api = EmbeddedKubeApi.start(
                "127.0.0.1",
                Integer.parseInt(System.getenv().getOrDefault("KUBE_API_PORT", "0")),
                OPERATOR_NAMESPACE,
                EmbeddedKubeApi.CRDS);
        Path kubeconfig = api.writeKubeconfig(WORK.resolve("kubeconfig").toAbsolutePath());
        PackagedOperator operator = PackagedOperator.start(
                "sandbox-operator",
                kubeconfig,
                SandboxAwsResource.endpoint,
                SandboxAwsResource.OPERATOR_ACCOUNT,
                WORK.resolve("operator.log").toAbsolutePath(),
                operatorEnvironment());
        Thread shutdown = new Thread(
                () -> {
                    operator.terminate();
                    try {
                        operator.awaitExit(Duration.ofSeconds(10));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    operator.close();
                    api.close();
                    aws.close();
                },
                "sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        boolean passed = new SandboxMainJob(api.client()).runTheWorkshopFlow(api, kubeconfig, operator);
        System.exit(passed ? 0 : 1);
    }

    /**
     * The operator's settings and its identity as docs/installing.md sets it up: a session of its own role in the
     * management account with the shipped operator policy, standing in for IRSA (never an account root).
     */
    private static Map<String, String> operatorEnvironment() {
        Map<String, String> environment = new java.util.HashMap<>(OPERATOR_SETTINGS);
        environment.putAll(SandboxAwsResource.bootstrap().operator().environment());
        return environment;
    }

    private boolean runTheWorkshopFlow(EmbeddedKubeApi api, Path kubeconfig, PackagedOperator operator)
            throws Exception {
        ProgressView view = new ProgressView(out);
        view.title("Proton account connection operator: sandbox (the packaged operator, AWS at "
                + SandboxAwsResource.endpoint + (SandboxAwsResource.external ? ", external" : ", in-process") + ")");
        view.line("embedded Kubernetes API at " + api.url() + "; kubeconfig " + kubeconfig);
        view.line("operator: java -jar " + PackagedOperator.RUN_JAR + " (pid " + operator.pid() + "), its log: "
                + operator.log());
        List<HasMetadata> manifests = loadExamples();
        bootstrapAccounts(view, manifests);
        apply(view, manifests);

        view.title("Reconciling");
        Duration timeout =
                Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("SANDBOX_TIMEOUT_SECONDS", "180")));
        Instant deadline = Instant.now().plus(timeout);
        boolean done = observe(view);
        while (!done && operator.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            done = observe(view);
        }
        view.title("kubectl get proton");
        view.table(
                sorted(client.resources(AwsAccount.class).list().getItems()),
                sorted(client.resources(ConnectionRoles.class)
                        .inAnyNamespace()
                        .list()
                        .getItems()),
                sorted(client.resources(EnvironmentAccountConnection.class)
                        .inAnyNamespace()
                        .list()
                        .getItems()));
        if (!done) {
            out.println();
            out.println((operator.isAlive()
                            ? "Not every example reached its expected state within " + timeout.toSeconds() + "s:"
                            : "The operator process ended (see its log: " + operator.log() + "):")
                    + "\n" + String.join("\n", diagnosis()));
            return false;
        }
        view.title("Every example is where it should be");
        printHowToLookInside();
        if (!"true".equalsIgnoreCase(System.getenv("SANDBOX_EXIT_WHEN_READY"))) {
            view.title("The sandbox keeps running and shows every change; stop it with Ctrl-C (the operator's log: "
                    + operator.log() + ")");
            while (operator.isAlive()) {
                observe(view);
                Thread.sleep(500);
            }
            out.println("The operator process ended; see its log: " + operator.log());
            return false;
        }
        return true;
    }

    private List<HasMetadata> loadExamples() throws IOException {
        List<HasMetadata> manifests = new ArrayList<>();
        for (String file : List.of(
                "namespace.yaml",
                "external-id-secret.yaml",
                "awsaccounts.yaml",
                "connectionroles.yaml",
                "environmentaccountconnections.yaml")) {
            try (InputStream in = Files.newInputStream(EXAMPLES.resolve(file))) {
                manifests.addAll(client.load(in).items());
            }
        }
        return manifests;
    }

    /** Each environment account gets the operator's role with the shipped policies, as docs/installing.md says. */
    private void bootstrapAccounts(ProgressView view, List<HasMetadata> manifests) {
        view.title("Bootstrapping the example accounts as docs/installing.md does (deploy/iam policies)");
        for (HasMetadata manifest : manifests) {
            if (!"AwsAccount".equals(manifest.getKind())) {
                continue;
            }
            AwsAccount account = client.getKubernetesSerialization().convertValue(manifest, AwsAccount.class);
            if (account.getSpec().assumeRole() == null) {
                view.line(String.format(
                        "account %s: the operator acts as itself (role %s, operator-policy.json)",
                        account.getSpec().accountId(), AccountBootstrap.OPERATOR_ROLE));
                continue;
            }
            String externalId = externalIdOf(account, manifests);
            SandboxAwsResource.bootstrap().account(account.getSpec().accountId(), externalId);
            view.line(String.format(
                    "account %s: role %s trusts the operator's role%s",
                    account.getSpec().accountId(),
                    AccountBootstrap.ACCOUNT_ROLE,
                    externalId == null ? "" : " with an ExternalId"));
        }
    }

    private void apply(ProgressView view, List<HasMetadata> manifests) {
        view.title("Applying deploy/examples/");
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(OPERATOR_NAMESPACE)
                        .endMetadata()
                        .build())
                .createOr(n -> n.update());
        for (HasMetadata manifest : manifests) {
            client.resource(manifest).createOr(existing -> existing.update());
            view.line(manifest.getKind() + " "
                    + (manifest.getMetadata().getNamespace() == null
                            ? ""
                            : manifest.getMetadata().getNamespace() + "/")
                    + manifest.getMetadata().getName());
        }
    }

    /** Prints changes; true when every example is where it should be. */
    private boolean observe(ProgressView view) {
        boolean done = true;
        for (AwsAccount account : client.resources(AwsAccount.class).list().getItems()) {
            var conditions = Conditions.of(account);
            view.observe("AwsAccount " + account.getMetadata().getName(), conditions);
            done &= Conditions.isTrue(conditions, ConditionTypes.READY);
        }
        for (ConnectionRoles roles :
                client.resources(ConnectionRoles.class).inAnyNamespace().list().getItems()) {
            var conditions = Conditions.of(roles);
            view.observe("ConnectionRoles " + roles.getMetadata().getName(), conditions);
            done &= Conditions.isTrue(conditions, ConditionTypes.READY);
        }
        for (EnvironmentAccountConnection connection : client.resources(EnvironmentAccountConnection.class)
                .inAnyNamespace()
                .list()
                .getItems()) {
            var status = connection.getStatus();
            view.observe(
                    "EnvironmentAccountConnection " + connection.getMetadata().getName(),
                    status == null ? null : status.conditions());
            done &= isWhereItShouldBe(connection);
        }
        return done;
    }

    private static boolean isWhereItShouldBe(EnvironmentAccountConnection connection) {
        var status = connection.getStatus();
        if (status == null) {
            return false;
        }
        return "CONNECTED".equals(status.state()) && Conditions.isTrue(status.conditions(), ConditionTypes.READY);
    }

    private List<String> diagnosis() {
        List<String> lines = new ArrayList<>();
        for (EnvironmentAccountConnection connection : client.resources(EnvironmentAccountConnection.class)
                .inAnyNamespace()
                .list()
                .getItems()) {
            if (!isWhereItShouldBe(connection)) {
                lines.add("  EnvironmentAccountConnection "
                        + connection.getMetadata().getName() + ": "
                        + describe(Conditions.of(connection)));
            }
        }
        for (ConnectionRoles roles :
                client.resources(ConnectionRoles.class).inAnyNamespace().list().getItems()) {
            lines.add("  ConnectionRoles " + roles.getMetadata().getName() + ": " + describe(Conditions.of(roles)));
        }
        for (AwsAccount account : client.resources(AwsAccount.class).list().getItems()) {
            lines.add("  AwsAccount " + account.getMetadata().getName() + ": " + describe(Conditions.of(account)));
        }
        return lines;
    }

    private static String describe(List<io.fabric8.kubernetes.api.model.Condition> conditions) {
        var ready = Conditions.find(conditions, ConditionTypes.READY);
        return ready == null ? "no status" : ready.getStatus() + " " + ready.getReason() + ": " + ready.getMessage();
    }

    private void printHowToLookInside() {
        String endpoint = String.valueOf(SandboxAwsResource.endpoint);
        out.println();
        out.println("The AWS side is at " + endpoint + ". Look inside with the AWS CLI, e.g.:");
        out.println("  AWS_ACCESS_KEY_ID=222222222222 AWS_SECRET_ACCESS_KEY=test aws --endpoint-url " + endpoint
                + " --region us-east-1 cloudformation describe-stacks");
        out.println("  AWS_ACCESS_KEY_ID=111111111111 AWS_SECRET_ACCESS_KEY=test aws --endpoint-url " + endpoint
                + " --region us-east-1 proton list-environment-account-connections --requested-by MANAGEMENT_ACCOUNT");
        out.println("  (an access key id that is a 12-digit number acts as that account; any secret)");
        List<EnvironmentAccountConnection> connections = client.resources(EnvironmentAccountConnection.class)
                .inAnyNamespace()
                .list()
                .getItems();
        connections.stream()
                .filter(c -> c.getSpec().acceptance() == Acceptance.Manual)
                .forEach(manual -> connections.stream()
                        .filter(c -> c.getSpec().isAcceptOnly()
                                && c.getSpec()
                                        .environmentName()
                                        .equals(manual.getSpec().environmentName()))
                        .forEach(acceptor -> out.println("The Manual connection "
                                + manual.getMetadata().getNamespace() + "/"
                                + manual.getMetadata().getName()
                                + " (connection " + manual.getStatus().connectionId() + ") was accepted by the "
                                + "accept-only side " + acceptor.getMetadata().getNamespace() + "/"
                                + acceptor.getMetadata().getName() + " (environmentAccountId "
                                + acceptor.getSpec().environmentAccountId() + ", managementAccountRef "
                                + acceptor.getSpec().managementAccountRef()
                                + "), playing the management account's own cluster: it acts only there.")));
        out.println("Ask for a fresh look at AWS at once (status.lastHandledReconcileAt records it), e.g. by patching"
                + " metadata.annotations[\"" + ReconcileRequest.ANNOTATION + "\"] with a timestamp"
                + " (kubectl annotate --overwrite on a cluster).");
    }

    private static String externalIdOf(AwsAccount account, List<HasMetadata> manifests) {
        var source = account.getSpec().assumeRole().externalId();
        if (source == null) {
            return null;
        }
        for (HasMetadata manifest : manifests) {
            if (manifest instanceof Secret secret
                    && secret.getMetadata().getName().equals(source.secretRef().name())) {
                Map<String, String> data = secret.getStringData();
                return data == null ? null : data.get(source.secretRef().key());
            }
        }
        return null;
    }

    private static <T extends HasMetadata> List<T> sorted(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(java.util.Comparator.comparing(item -> item.getMetadata().getName()));
        return copy;
    }
}
