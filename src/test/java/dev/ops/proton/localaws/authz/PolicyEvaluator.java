package dev.ops.proton.localaws.authz;

import java.util.List;

/**
 * AWS's policy evaluation logic for identity-based policies alone (the IAM User Guide, "Policy evaluation logic"): a
 * request is denied by default, allowed when some statement allows it, and denied whatever else when some statement
 * denies it. A statement applies when its Action (or NotAction), Resource (or NotResource) and Condition all match.
 * A pure function: the caller gathers the policies.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {}

    public static Decision evaluate(List<PolicyDocument> policies, RequestContext request) {
        boolean allowed = false;
        for (PolicyDocument policy : policies) {
            for (PolicyDocument.Statement statement : policy.statements()) {
                if (!applies(statement, request)) {
                    continue;
                }
                if (!statement.allow()) {
                    return Decision.EXPLICIT_DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOWED : Decision.IMPLICIT_DENY;
    }

    static boolean applies(PolicyDocument.Statement statement, RequestContext request) {
        boolean action = statement.notActions().isEmpty()
                ? statement.actions().stream().anyMatch(p -> IamPattern.actionMatches(p, request.action()))
                : statement.notActions().stream().noneMatch(p -> IamPattern.actionMatches(p, request.action()));
        if (!action) {
            return false;
        }
        boolean resource = statement.notResources().isEmpty()
                ? statement.resources().stream().anyMatch(p -> IamPattern.arnMatches(p, request.resource()))
                : statement.notResources().stream().noneMatch(p -> IamPattern.arnMatches(p, request.resource()));
        return resource && ConditionEvaluator.holds(statement.conditions(), request);
    }
}
