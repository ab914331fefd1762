package dev.ops.proton.roles;

/**
 * Condition reasons (CamelCase, kstatus style) of the ConnectionRoles waits and stalls that {@link StackDecision}
 * chooses, so the reconciler, its tests and users' alerts share one spelling.
 */
public final class StackReasons {

    public static final String STACK_CREATING = "StackCreating";
    public static final String STACK_UPDATING = "StackUpdating";
    public static final String STACK_DELETING = "StackDeleting";
    public static final String CHANGE_SET_CREATING = "ChangeSetCreating";
    public static final String CHANGE_SET_DELETING = "ChangeSetDeleting";

    public static final String OWNED_BY_ANOTHER = "OwnedByAnother";
    public static final String STACK_CREATE_FAILED = "StackCreateFailed";
    public static final String STACK_UPDATE_FAILED = "StackUpdateFailed";
    public static final String STACK_ROLLBACK_FAILED = "StackRollbackFailed";
    public static final String STACK_DELETE_FAILED = "StackDeleteFailed";
    public static final String STACK_IN_REVIEW = "StackInReview";
    public static final String CHANGE_SET_FAILED = "ChangeSetFailed";
    public static final String TERMINATION_PROTECTED = "TerminationProtected";
    public static final String UNKNOWN_STACK_STATUS = "UnknownStackStatus";

    private StackReasons() {}
}
