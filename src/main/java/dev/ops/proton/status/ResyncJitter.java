package dev.ops.proton.status;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Spreads each resync over ±{@value #SPREAD_PERCENT}% of the period, so resources created together (a GitOps sync of
 * a thousand connections) don't all resync in the same second, every period, against the same account's rate limit.
 */
public final class ResyncJitter {

    static final int SPREAD_PERCENT = 10;

    private final DoubleSupplier unitRandom;

    /** @param unitRandom uniform in [0, 1) */
    public ResyncJitter(DoubleSupplier unitRandom) {
        this.unitRandom = unitRandom;
    }

    public static ResyncJitter random() {
        return new ResyncJitter(() -> ThreadLocalRandom.current().nextDouble());
    }

    /** The period, moved by a random fraction of it within ±{@value #SPREAD_PERCENT}%. */
    public Duration spread(Duration period) {
        double factor = 1.0 + SPREAD_PERCENT / 100.0 * (2.0 * unitRandom.getAsDouble() - 1.0);
        return Duration.ofMillis(Math.round(period.toMillis() * factor));
    }
}
