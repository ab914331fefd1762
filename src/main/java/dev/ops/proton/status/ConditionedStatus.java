package dev.ops.proton.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** The status of every kind: whatever else it holds, it carries kstatus conditions. */
public interface ConditionedStatus {

    List<Condition> conditions();
}
