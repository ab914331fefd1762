package dev.ops.proton.reliability;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * One kind of resource the fault matrix drives through its whole life (create, converge, delete with deletionPolicy
 * Delete), and the invariants its AWS objects must keep, read from the local AWS endpoint's own state.
 */
interface ResourceUnderTest {

    /** Signing name of the AWS service its controller writes to: where the matrix injects faults. */
    String service();

    /** The account whose calls to {@link #service()} are this resource's alone. */
    String account();

    /** The first AWS write a new resource makes; denied in the stalled case. */
    String firstWrite();

    /** AWS calls to {@link #service()} that one reconcile of a new resource makes while that write is denied. */
    int callsPerStalledReconcile();

    void create();

    /** Its conditions; null while it has no status (or no longer exists). */
    List<Condition> conditions();

    /** A person's edit made while the operator works on it, e.g. by Argo CD: a new generation to converge to. */
    void editSpec(String value);

    /** Exactly one AWS object exists for it, the one its status names, and none was ever made twice. */
    void assertExactlyOneInAws();

    void delete();

    boolean isGone();

    /** Nothing it made is left in AWS (deletionPolicy Delete). */
    void assertNothingLeftInAws();
}
