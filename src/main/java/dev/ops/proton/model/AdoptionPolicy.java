package dev.ops.proton.model;

/**
 * What the operator does with an existing AWS object that no resource's ownership tag claims (after ACK's
 * adoption-policy). An object tagged for another resource is never adopted, whatever the policy.
 */
public enum AdoptionPolicy {
    /** Adopt (tag) an untagged existing object, else create one: the default. */
    AdoptOrCreate,
    /** Adopt an untagged existing object and never create one: wait (AwaitingObject) while none exists. */
    AdoptOnly,
    /** Create, never adopt: an existing untagged object stalls the resource (AdoptionRefused), naming it. */
    CreateOnly;

    /** The default when a spec omits the field (an object read before the field existed). */
    public static AdoptionPolicy orDefault(AdoptionPolicy policy) {
        return policy == null ? AdoptOrCreate : policy;
    }
}
