package dev.ops.proton.roles;

import dev.ops.proton.account.AccountUserKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** A ConnectionRoles uses the AwsAccount its stack lives in. */
@ApplicationScoped
public class ConnectionRolesAccountUse implements AccountUserKind<ConnectionRoles> {

    @Override
    public Class<ConnectionRoles> type() {
        return ConnectionRoles.class;
    }

    @Override
    public Set<String> accountNames(ConnectionRoles roles) {
        return roles.getSpec() == null || roles.getSpec().accountRef() == null
                ? Set.of()
                : Set.of(roles.getSpec().accountRef());
    }
}
