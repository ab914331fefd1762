package dev.ops.proton.localaws.authz;

import dev.ops.proton.localaws.auth.Caller;
import dev.ops.proton.localaws.iam.IamStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a caller may perform one action on one resource, from identity-based policies, as AWS does: an
 * account's root may do anything; an assumed-role session has the union of its role's inline policies and attached
 * managed policies (customer managed from the IAM store, AWS managed from {@link AwsManagedPolicies}), read at request
 * time, so a policy change takes effect on the next call. Adds the global keys {@code aws:PrincipalAccount} and
 * {@code aws:PrincipalArn} to every request.
 *
 * <p>Not modelled: resource-based policies (other than the trust policies STS itself evaluates), permission
 * boundaries, session policies, SCPs and RCPs.
 */
public final class Authorizer {

    private static final int MAX_PARSED = 1024;

    private final IamStore iam;
    private final Map<String, PolicyDocument> parsed = new ConcurrentHashMap<>();

    public Authorizer(IamStore iam) {
        this.iam = iam;
    }

    public Decision decide(Caller caller, RequestContext request) {
        if (caller.isRoot()) {
            return Decision.ALLOWED;
        }
        RequestContext withGlobals =
                request.with("aws:PrincipalAccount", caller.accountId()).with("aws:PrincipalArn", caller.roleArn());
        return PolicyEvaluator.evaluate(policiesOf(caller), withGlobals);
    }

    /** Empty when allowed; otherwise AWS's message for the denial. */
    public Optional<String> denial(Caller caller, RequestContext request) {
        Decision decision = decide(caller, request);
        return decision == Decision.ALLOWED ? Optional.empty() : Optional.of(message(caller, request, decision));
    }

    /** AWS's wording of an identity-based denial. */
    public static String message(Caller caller, RequestContext request, Decision decision) {
        String head = "User: " + caller.arn() + " is not authorized to perform: " + request.action() + " on resource: "
                + request.resource();
        return decision == Decision.EXPLICIT_DENY
                ? head + " with an explicit deny in an identity-based policy"
                : head + " because no identity-based policy allows the " + request.action() + " action";
    }

    private List<PolicyDocument> policiesOf(Caller caller) {
        Optional<IamStore.Role> role = iam.findRoleByArn(caller.roleArn());
        if (role.isEmpty()) {
            return List.of();
        }
        List<PolicyDocument> policies = new ArrayList<>();
        role.get().inlinePolicies().forEach((name, document) -> policies.add(parse(name, document)));
        for (String policyArn : role.get().attachedPolicies().keySet()) {
            if (AwsManagedPolicies.isAwsManaged(policyArn)) {
                AwsManagedPolicies.find(policyArn).ifPresent(policies::add);
            } else {
                iam.findPolicyByArn(policyArn).ifPresent(policy -> policies.add(parse(policyArn, policy.document())));
            }
        }
        return policies;
    }

    /** Parsed documents by their text; bounded, since every PutRolePolicy makes a new text. */
    private PolicyDocument parse(String name, String document) {
        if (parsed.size() > MAX_PARSED) {
            parsed.clear();
        }
        return parsed.computeIfAbsent(document, d -> {
            try {
                return PolicyDocument.parse(name, d);
            } catch (IllegalArgumentException malformed) {
                return new PolicyDocument(name, List.of());
            }
        });
    }
}
