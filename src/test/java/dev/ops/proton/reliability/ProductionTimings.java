package dev.ops.proton.reliability;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The production profile's timings in a Quarkus test: resync every 10 minutes, stalled resources re-checked every
 * minute, stacks polled every 5 seconds. A test under this profile proves that the operator converges from the events
 * it watches, not because the test profile's 3-second resync happens to look again.
 */
public class ProductionTimings implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "proton-operator.resync-period", "10m",
                "proton-operator.stalled-recheck", "1m",
                "proton-operator.poll-interval", "5s");
    }
}
