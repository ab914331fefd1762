package dev.ops.proton.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The production resync period and stalled recheck instead of the test profile's seconds, for tests of behaviour
 * the fast resync would hide (a change that only a resync would notice converges within seconds anyway).
 */
public class ProductionTimings implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("proton-operator.resync-period", "10m", "proton-operator.stalled-recheck", "1m");
    }
}
