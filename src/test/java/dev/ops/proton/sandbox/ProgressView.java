package dev.ops.proton.sandbox;

import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's output: one line each time a resource's summary (Ready status and reason) changes, and a final
 * table shaped like {@code kubectl get proton}.
 */
final class ProgressView {

    private final PrintStream out;
    private final Instant start = Instant.now();
    private final Map<String, String> lastSeen = new LinkedHashMap<>();

    ProgressView(PrintStream out) {
        this.out = out;
    }

    void title(String text) {
        out.println();
        out.println("== " + text);
    }

    void line(String text) {
        out.printf("  %5.1fs  %s%n", Duration.between(start, Instant.now()).toMillis() / 1000.0, text);
    }

    /** Prints the resource's summary if it changed since last time. */
    void observe(String id, List<Condition> conditions) {
        Condition ready = Conditions.find(conditions, ConditionTypes.READY);
        String summary = ready == null
                ? "no status yet"
                : ("True".equals(ready.getStatus()) ? "Ready" : ready.getReason()) + ": " + ready.getMessage();
        if (!summary.equals(lastSeen.put(id, summary))) {
            line(String.format("%-52s %s", id, summary));
        }
    }

    void table(List<AwsAccount> accounts, List<ConnectionRoles> roles, List<EnvironmentAccountConnection> connections) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "ACCOUNT", "", "READY"});
        accounts.forEach(a -> rows.add(new String[] {
            "awsaccount/" + a.getMetadata().getName(), a.getSpec().accountId(), "", ready(Conditions.of(a))
        }));
        print(rows);
        rows.clear();
        rows.add(new String[] {"NAME", "STACK", "STATUS", "READY"});
        roles.forEach(r -> rows.add(new String[] {
            "connectionroles/" + r.getMetadata().getName(),
            r.stackName(),
            r.getStatus() == null || r.getStatus().stackStatus() == null
                    ? ""
                    : r.getStatus().stackStatus(),
            ready(Conditions.of(r))
        }));
        print(rows);
        rows.clear();
        rows.add(new String[] {"NAME", "ENVIRONMENT", "MANAGEMENT", "STATE", "READY"});
        connections.forEach(c -> rows.add(new String[] {
            "environmentaccountconnection/" + c.getMetadata().getName(),
            c.getSpec().environmentName(),
            c.getStatus() == null ? "" : c.getStatus().managementAccountId(),
            c.getStatus() == null || c.getStatus().state() == null
                    ? ""
                    : c.getStatus().state(),
            ready(Conditions.of(c))
        }));
        print(rows);
    }

    private void print(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i] == null ? 4 : row[i].length());
            }
        }
        out.println();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(String.format("%-" + (widths[i] + 3) + "s", row[i] == null ? "" : row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String ready(List<Condition> conditions) {
        Condition ready = Conditions.find(conditions, ConditionTypes.READY);
        return ready == null ? "" : ready.getStatus();
    }
}
