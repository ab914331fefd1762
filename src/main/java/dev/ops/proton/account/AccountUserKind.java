package dev.ops.proton.account;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Set;

/**
 * A kind of resource that uses AwsAccounts, as the AwsAccount controller sees it: which accounts one resource names.
 * The kinds' own packages provide these beans, so the account package knows its users without depending on them.
 */
public interface AccountUserKind<U extends HasMetadata> {

    Class<U> type();

    /** The names of the AwsAccounts the resource refers to. */
    Set<String> accountNames(U user);
}
