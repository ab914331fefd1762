package dev.ops.proton.connection;

import dev.ops.proton.account.AccountUserKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;

/** An EnvironmentAccountConnection uses its environment account and, when it names one, its management account. */
@ApplicationScoped
public class ConnectionAccountUse implements AccountUserKind<EnvironmentAccountConnection> {

    @Override
    public Class<EnvironmentAccountConnection> type() {
        return EnvironmentAccountConnection.class;
    }

    @Override
    public Set<String> accountNames(EnvironmentAccountConnection connection) {
        Set<String> names = new LinkedHashSet<>();
        EnvironmentAccountConnectionSpec spec = connection.getSpec();
        if (spec != null && spec.environmentAccountRef() != null) {
            names.add(spec.environmentAccountRef());
        }
        if (spec != null && spec.managementAccountRef() != null) {
            names.add(spec.managementAccountRef());
        }
        return names;
    }
}
