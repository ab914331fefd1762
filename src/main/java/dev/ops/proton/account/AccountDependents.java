package dev.ops.proton.account;

import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.ConditionedStatus;
import dev.ops.proton.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which resources using an AwsAccount a change to it wakes. A spec change the account's controller has not yet
 * verified wakes every one of them; a status change (the account verified, stalled or recovered) wakes only those
 * that are not Ready, since a Ready resource proved its accounts on its last reconcile and its periodic resync checks
 * them again. So a cold start, where every account becomes Ready once, costs no extra AWS read per Ready resource.
 */
public final class AccountDependents {

    private AccountDependents() {}

    /** The resources, among those naming the account, that a change to it wakes. */
    public static <P extends CustomResource<?, ? extends ConditionedStatus>> Set<ResourceID> toWake(
            AwsAccount account, List<P> dependents) {
        Set<ResourceID> ids = new LinkedHashSet<>();
        for (P dependent : dependents) {
            if (wakes(account, Conditions.of(dependent))) {
                ids.add(ResourceID.fromResource(dependent));
            }
        }
        return ids;
    }

    static boolean wakes(AwsAccount account, List<Condition> dependentConditions) {
        return specChangeNotYetVerified(account) || !Conditions.isTrue(dependentConditions, ConditionTypes.READY);
    }

    private static boolean specChangeNotYetVerified(AwsAccount account) {
        AwsAccountStatus status = account.getStatus();
        return status == null
                || !Objects.equals(
                        status.observedGeneration(), account.getMetadata().getGeneration());
    }
}
