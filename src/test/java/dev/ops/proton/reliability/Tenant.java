package dev.ops.proton.reliability;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AWS accounts and the namespace one fault-matrix case has to itself. The Quarkus application, the local AWS
 * endpoint and its call counters are shared by every test of the class, and resources of earlier cases keep
 * reconciling in the background; with accounts of their own, a case's call counts and AWS objects are its own.
 *
 * @param environmentAccountId the account the stack and the connection request live in
 * @param managementAccountId the account that accepts
 * @param namespace where the case's resources live (allowed by both AwsAccounts)
 */
record Tenant(String environmentAccountId, String managementAccountId, String namespace) {

    private static final AtomicInteger NEXT = new AtomicInteger(1);

    /** A tenant no other case uses: accounts 47xxxxxxxxxx (environment) and 48xxxxxxxxxx (management). */
    static Tenant next() {
        int n = NEXT.getAndIncrement();
        return new Tenant("47%010d".formatted(n), "48%010d".formatted(n), "fault-matrix-" + n);
    }

    String environmentAccountName() {
        return "env-" + environmentAccountId;
    }

    String managementAccountName() {
        return "mgmt-" + managementAccountId;
    }
}
