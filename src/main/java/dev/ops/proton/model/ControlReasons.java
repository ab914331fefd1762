package dev.ops.proton.model;

/** Condition reasons of {@link ManagementPolicy} and {@link AdoptionPolicy}, shared by both namespaced kinds. */
public final class ControlReasons {

    /** Ready: ObserveOnly found the object, and it is in a usable state (a stable stack, a CONNECTED connection). */
    public static final String OBSERVED = "Observed";
    /** Reconciling: ObserveOnly or AdoptOnly looks for an object that does not exist (yet). */
    public static final String AWAITING_OBJECT = "AwaitingObject";
    /** Stalled: CreateOnly found an existing untagged object it may not adopt. */
    public static final String ADOPTION_REFUSED = "AdoptionRefused";
    /** Stalled: ObserveOnly found a stack in a failed state; whoever manages it must repair it. */
    public static final String OBSERVED_FAILURE = "ObservedFailure";

    private ControlReasons() {}
}
