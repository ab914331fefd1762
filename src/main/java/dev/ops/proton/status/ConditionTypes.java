package dev.ops.proton.status;

/**
 * Condition types shared by all kinds. Ready, Reconciling and Stalled follow kstatus: Ready is always present;
 * Reconciling and Stalled are "abnormal-true" conditions, present only while true.
 */
public final class ConditionTypes {

    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";
    /** EnvironmentAccountConnection: the environment account's side of the handshake. */
    public static final String REQUESTED = "Requested";
    /** EnvironmentAccountConnection: the management account's side of the handshake. */
    public static final String ACCEPTED = "Accepted";
    /** EnvironmentAccountConnection: False while a deletion with deletionPolicy Delete is held, saying why. */
    public static final String DELETED = "Deleted";

    /** AwsAccount being deleted: resources still use it, so it keeps its finalizer (the message names a few). */
    public static final String IN_USE = "InUse";

    private ConditionTypes() {}
}
