package dev.ops.proton.model;

/** What happens to the AWS object when its custom resource is deleted. */
public enum DeletionPolicy {
    /** Leave the AWS object in place (the default: an accidental prune must not unmanage a Proton environment). */
    Retain,
    /** Delete the AWS object, when it is safe to. */
    Delete
}
