package dev.ops.proton.localaws.authz;

/** The outcome of evaluating identity-based policies for one request. */
public enum Decision {
    ALLOWED,
    /** No statement allows the request (AWS's default deny). */
    IMPLICIT_DENY,
    /** A Deny statement matches; it wins over every Allow. */
    EXPLICIT_DENY
}
