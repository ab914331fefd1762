package dev.ops.proton.aws;

/**
 * The tag the operator puts on every AWS object it creates or adopts, naming the custom resource that owns it, so
 * two resources never fight over one object and a lost response never leads to a second one.
 */
public final class OwnershipTag {

    public static final String KEY = "proton.ops.dev/owner";

    private OwnershipTag() {}

    public static String value(String namespace, String name) {
        return namespace + "/" + name;
    }
}
