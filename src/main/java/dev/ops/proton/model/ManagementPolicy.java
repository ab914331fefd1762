package dev.ops.proton.model;

/**
 * How far the operator may act on a resource's AWS object. Named after Crossplane's managementPolicy of v1.11
 * (FullControl, ObserveOnly), a single value rather than Crossplane's later list: this operator's deletion is already
 * governed by deletionPolicy, and no partial combination (create but never update, say) has a use here.
 */
public enum ManagementPolicy {
    /** Create, adopt, update, accept and (with deletionPolicy Delete) delete: the default. */
    FullControl,
    /**
     * Only read: the AWS object (found by the resource's stack name or environment name) is reported in status, and
     * nothing is ever written to AWS or deleted, whatever deletionPolicy says.
     */
    ObserveOnly;

    public static boolean isObserveOnly(ManagementPolicy policy) {
        return policy == ObserveOnly;
    }
}
