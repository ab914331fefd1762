package dev.ops.proton.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The production resync period, stalled recheck and stack poll interval instead of the test profile's seconds, for
 * tests of behaviour the fast resync would hide (a change that only a resync would notice converges within seconds
 * anyway): a test under this profile proves the operator converges from the events it watches.
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
