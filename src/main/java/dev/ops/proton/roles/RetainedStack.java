package dev.ops.proton.roles;

import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.status.EventRecorder;
import dev.ops.proton.status.Progress;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * What a ConnectionRoles deletion leaves in AWS, and how a blocked deletion says so. The escape hatch of a deletion
 * that cannot act (the account is not Ready or no longer allows the namespace): switching {@code deletionPolicy} to
 * {@code Retain} while the resource is being deleted releases it at once with no AWS call, and a Warning Event names
 * the stack left behind and its account, so nobody mistakes the release for a clean-up.
 */
final class RetainedStack {

    static final String RETAINED_IN_AWS = "RetainedInAws";

    private RetainedStack() {}

    /** The release message of a Retain deletion: the stack (name and id) and the account it stays in. */
    static String message(ConnectionRoles roles, Context<ConnectionRoles> context) {
        ConnectionRolesStatus status = roles.getStatus();
        String id = status == null || status.stackId() == null ? "" : " (" + status.stackId() + ")";
        String why = DesiredStacks.observeOnly(roles)
                ? "managementPolicy ObserveOnly never deletes"
                : "deletionPolicy Retain";
        return "Stack " + roles.stackName() + id + " stays in " + account(roles, context) + " (" + why
                + "); delete it there when it is no longer needed";
    }

    /**
     * The Event of a release: a Warning when a deletion that was under way or blocked was let go by switching to
     * Retain (the stack the user meant to delete stays), Normal otherwise.
     */
    static void announce(
            ConnectionRoles roles, Context<ConnectionRoles> context, EventRecorder events, String message) {
        if (roles.getSpec().deletionPolicy() != DeletionPolicy.Delete && deletionWasUnderWay(roles)) {
            events.warning(roles, RETAINED_IN_AWS, message);
        } else {
            events.normal(roles, "Released", message);
        }
    }

    /** Why a Delete deletion cannot act in the account, and the two ways on. */
    static Progress deletionBlocked(ConnectionRoles roles, Progress blocked) {
        return new Progress(
                blocked.state(),
                blocked.reason(),
                blocked.message() + ". Deleting stack " + roles.stackName()
                        + " (deletionPolicy Delete) needs that account: fix it, or set spec.deletionPolicy to Retain to"
                        + " release this resource and leave the stack in AWS");
    }

    private static boolean deletionWasUnderWay(ConnectionRoles roles) {
        Condition ready = Conditions.find(Conditions.of(roles), ConditionTypes.READY);
        return ready != null && "False".equals(ready.getStatus());
    }

    private static String account(ConnectionRoles roles, Context<ConnectionRoles> context) {
        String ref = roles.getSpec().accountRef();
        return context.getSecondaryResources(AwsAccount.class).stream()
                .filter(a -> a.getMetadata().getName().equals(ref))
                .findFirst()
                .map(a -> "AWS account " + a.getSpec().accountId() + " (AwsAccount " + ref + ")")
                .orElse("the AWS account of AwsAccount " + ref);
    }
}
