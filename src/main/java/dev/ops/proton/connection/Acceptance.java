package dev.ops.proton.connection;

/** Who accepts the connection in the management account. */
public enum Acceptance {
    /** The operator accepts from the management account. */
    Automatic,
    /** A person accepts; the connection stays PENDING until then. */
    Manual
}
