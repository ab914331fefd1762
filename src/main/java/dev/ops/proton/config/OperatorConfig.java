package dev.ops.proton.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's own settings, all under {@code proton-operator.*} (environment: {@code PROTON_OPERATOR_*}).
 * Watched namespaces are JOSDK's {@code quarkus.operator-sdk.namespaces} (environment {@code WATCH_NAMESPACES}); they
 * apply to the namespaced kinds only, AwsAccounts being cluster-scoped and watched cluster-wide.
 */
@ConfigMapping(prefix = "proton-operator")
public interface OperatorConfig {

    /** How often a resource at rest is re-checked against AWS, to catch changes made outside the operator. */
    @WithDefault("10m")
    Duration resyncPeriod();

    /**
     * How soon a Stalled resource whose cause lies outside the cluster (a trust policy, a Secret, a rejected
     * connection) is checked again. Causes inside the cluster wake it at once through watches.
     */
    @WithDefault("1m")
    Duration stalledRecheck();

    /** How soon a resource waiting on AWS (a stack in progress) is polled again. */
    @WithDefault("5s")
    Duration pollInterval();

    /** The region used when an AwsAccount names none. */
    @WithDefault("us-east-1")
    String defaultRegion();

    /** The namespace the operator runs in; ExternalId Secrets are read from it only. */
    @WithDefault("${POD_NAMESPACE:proton-operator}")
    String operatorNamespace();

    /**
     * Which AwsAccounts this installation verifies and lets its resources use: a Kubernetes label selector (e.g.
     * {@code proton.ops.dev/installation=team-a}); absent means all. Installations with different identities select
     * disjoint sets, so no two of them ever write one AwsAccount's status.
     */
    Optional<String> accountSelector();

    Aws aws();

    /** How the operator reaches AWS. */
    interface Aws {

        /**
         * Endpoint for every service, e.g. a local AWS endpoint. Absent: the SDK's own resolution, which already
         * honours {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>}.
         */
        Optional<URI> endpointUrl();

        /** Endpoint per service id ({@code sts}, {@code iam}, {@code cloudformation}, {@code proton}). */
        Map<String, URI> serviceEndpointUrls();

        /**
         * The most requests per second the operator sends to a service in one account and region, per service id
         * ({@code proton}, {@code cloudformation}), for users who know their quota. None by default: AWS publishes
         * no fixed request rate for either, and the limit is shared with everything else in the account, so the
         * operator learns it from throttling instead, and this only caps what it learns.
         */
        Map<String, Double> rateLimit();

        /**
         * The SDK retry mode of STS and IAM, for throttling and 5xx: {@code standard} or {@code adaptive}. Proton
         * and CloudFormation retry 5xx and network errors only; their throttling is the client-side rate limit's.
         */
        @WithDefault("standard")
        String retryMode();

        /** Maximum attempts per AWS call, including the first, before the reconcile's own backoff takes over. */
        @WithDefault("4")
        int maxAttempts();

        /** Time allowed for one AWS API call, retries included. */
        @WithDefault("30s")
        Duration apiCallTimeout();
    }
}
