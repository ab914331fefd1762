package dev.ops.proton.connection;

import static org.awaitility.Awaitility.await;

import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.localaws.CallCounter;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Many connections created together under a per-account Proton rate limit of the local AWS endpoint, as a GitOps
 * sync does: they all connect; each request AWS throttles ends its call (the SDK does not retry it, so no reconcile
 * thread sleeps in a backoff), asserted from the endpoint's own counters against the operator's; and no reconcile
 * thread is ever seen sleeping; and AWS throttles few requests: within issue 13's target per connection plus what
 * learning each account's limit costs. Before client-side limiting, 55 of 57 throttled requests were retried by the
 * SDK and reconcile threads were caught asleep 289 times; before the limit measured AWS's rate, a cascade of decreases
 * left connections waiting on the management account's Accepts for over 90 s in one run of two, with 19 to 41
 * throttled requests. The time to all Ready is printed, not asserted (issue 13: targets are benchmark figures).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class ProtonRateLimitTest {

    static final String NAMESPACE = "rate-limited";
    static final String MANAGEMENT = "515151515151";
    static final List<String> ENVIRONMENTS = List.of("525252525201", "525252525202", "525252525203");
    static final int CONNECTIONS = 60;
    static final double PROTON_PER_SECOND = 5;
    /** Issue 13's target: at most 2.05 Proton calls per new connection, throttled ones included. */
    static final double TARGET_THROTTLED_PER_CONNECTION = 0.05;

    /**
     * Learning an account's limit costs a few throttles: the slow start's overshoot (requests already in flight when
     * the first throttle answers), then one that measures. Measured here 9 to 14 throttled requests over the four
     * accounts (up to 7 in the management account, which carries all 60 Accepts).
     */
    static final int LEARNING_THROTTLES_PER_ACCOUNT = 4;

    @Inject
    KubernetesClient client;

    @Inject
    MeterRegistry meters;

    @InjectLocalAws
    LocalAws localAws;

    @Test
    void shouldConnectManyConnectionsUnderARateLimitWithoutRetryingThrottlingOrSleepingOnAReconcileThread()
            throws Exception {
        OperatorFixtures.bootstrapAccount(localAws, MANAGEMENT);
        ENVIRONMENTS.forEach(account -> OperatorFixtures.bootstrapAccount(localAws, account));
        localAws.rateLimits(Map.of("proton", PROTON_PER_SECOND));
        long throttledCallsBefore = throttledCallsSeenByTheOperator();
        // all connections wait for their accounts, as when a sync applies everything at once: the accounts' being
        // verified then wakes them together
        ConnectionResources connections = new ConnectionResources(client, NAMESPACE);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            String name = "rl-" + i;
            names.add(name);
            int account = i % ENVIRONMENTS.size();
            connections.create(connection(name, account, ENVIRONMENTS.get(account)));
        }
        createAccount("rl-mgmt", MANAGEMENT);
        for (int i = 0; i < ENVIRONMENTS.size(); i++) {
            createAccount("rl-env-" + i, ENVIRONMENTS.get(i));
        }

        AtomicInteger sleepingSamples = new AtomicInteger();
        AtomicReference<String> sleeper = new AtomicReference<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
                () -> sampleSleepingReconcilers(sleepingSamples, sleeper), 0, 2, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        try {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> names.stream()
                            .allMatch(name ->
                                    Conditions.isTrue(Conditions.of(connections.get(name)), ConditionTypes.READY)));
        } finally {
            sampler.shutdownNow();
            localAws.rateLimits(Map.of());
            System.out.printf(
                    "ProtonRateLimitTest: %.1f s; not Ready: %s%n",
                    (System.nanoTime() - start) / 1e9,
                    names.stream()
                            .map(connections::get)
                            .filter(c -> !Conditions.isTrue(Conditions.of(c), ConditionTypes.READY))
                            .map(c -> c.getMetadata().getName() + "=" + Conditions.of(c))
                            .limit(5)
                            .toList());
            localAws.calls().snapshot().forEach((k, v) -> {
                if (k.service().equals("proton")) {
                    System.out.println("ProtonRateLimitTest calls: " + k + " = " + v);
                }
            });
            meters.find("proton.operator.aws.calls")
                    .counters()
                    .forEach(c -> System.out.println(
                            "ProtonRateLimitTest operator: " + c.getId().getTags() + " = " + c.count()));
        }

        long throttledRequests = localAws.calls()
                .count(k -> k.service().equals("proton") && k.outcome().equals("ThrottlingException"));
        long succeeded = localAws.calls()
                .count(k -> k.service().equals("proton") && k.outcome().equals(CallCounter.OK));
        double perConnection = (double) throttledRequests / CONNECTIONS;
        System.out.printf(
                "ProtonRateLimitTest: %d connections at %.0f Proton requests/s per account: %d throttled Proton requests"
                        + " (%.2f per connection), %d that went through%n",
                CONNECTIONS, PROTON_PER_SECOND, throttledRequests, perConnection, succeeded);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(throttledRequests)
                .as(
                        "throttled Proton requests: at most %.2f per connection, plus what learning each account's limit"
                                + " costs (%d per account: the slow start's overshoot, then one throttle that measures)",
                        TARGET_THROTTLED_PER_CONNECTION, LEARNING_THROTTLES_PER_ACCOUNT)
                .isLessThanOrEqualTo(Math.round(TARGET_THROTTLED_PER_CONNECTION * CONNECTIONS)
                        + LEARNING_THROTTLES_PER_ACCOUNT * (ENVIRONMENTS.size() + 1L));
        soft.assertThat(throttledCallsSeenByTheOperator() - throttledCallsBefore)
                .as("calls that ended throttled, as the operator counts them: each throttled request ended its call,"
                        + " none was retried by the SDK after a sleep")
                .isEqualTo(throttledRequests);
        soft.assertThat(sleepingSamples.get())
                .as("samples of a reconcile thread asleep (last seen: %s)", sleeper.get())
                .isZero();
        soft.assertAll();
    }

    /** Counts a reconcile thread of JOSDK caught in {@link Thread#sleep} (an SDK backoff, or a blocking limiter). */
    private static void sampleSleepingReconcilers(AtomicInteger samples, AtomicReference<String> sleeper) {
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("ReconcilerExecutor") && stack.length > 0) {
                for (StackTraceElement frame : stack) {
                    if (frame.getClassName().equals(Thread.class.getName())
                            && frame.getMethodName().startsWith("sleep")) {
                        samples.incrementAndGet();
                        sleeper.set(thread.getName() + " at " + stack[Math.min(stack.length - 1, 6)]);
                        return;
                    }
                }
            }
        });
    }

    private void createAccount(String name, String accountId) {
        client.resources(AwsAccount.class)
                .resource(OperatorFixtures.awsAccount(name, accountId, List.of(NAMESPACE)))
                .create();
    }

    private long throttledCallsSeenByTheOperator() {
        return Math.round(
                meters.find("proton.operator.aws.calls").tag("outcome", "ThrottlingException").counters().stream()
                        .mapToDouble(Counter::count)
                        .sum());
    }

    private static EnvironmentAccountConnection connection(String name, int account, String environmentAccountId) {
        EnvironmentAccountConnection connection = new EnvironmentAccountConnection();
        connection.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        connection.setSpec(new EnvironmentAccountConnectionSpec(
                "env-" + name,
                "rl-env-" + account,
                "rl-mgmt",
                null,
                new RoleReference("arn:aws:iam::" + environmentAccountId + ":role/ProtonRole", null),
                null,
                null,
                Acceptance.Automatic,
                Map.of(),
                DeletionPolicy.Retain));
        return connection;
    }
}
