package dev.ops.proton.connection;

import dev.ops.proton.account.AccountSession;
import dev.ops.proton.aws.SharedListing;
import dev.ops.proton.config.OperatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Observes a resource's connection known by id in batches: one ListEnvironmentAccountConnections per (AwsAccount,
 * region), shared by every reconcile there ({@link SharedListing}: single-flight, reused for a quarter of the resync
 * period, while connections at rest resync together in {@link ResyncWaves}), feeds them all. A connection the listing shows unchanged since it was last seen whole ({@link
 * UnchangedConnection}: from this process's memory, or after a restart from its status) costs no call of its own;
 * one that changed, is missing from the listing (deleted, or newer than the listing) or can't be vouched for is read
 * as before, Get plus ListTagsForResource when its {@code lastModifiedAt} moved ({@link ConnectionOwnership}).
 *
 * <p>A fresh observation ({@code fresh = true}) bypasses the listing and every memory: Get and ListTagsForResource,
 * so a tag edited by hand (which moves no {@code lastModifiedAt}) is seen at once. Meant for an explicit request to
 * reconcile now.
 */
final class ConnectionObservation {

    /** Whose listing: an AwsAccount's credentials in one region. */
    record ListingKey(String accountName, String accountId, String region) {
        /** The listing a resource's environment side is observed through. */
        static ListingKey of(AccountSession environment) {
            return new ListingKey(environment.accountName(), environment.accountId(), environment.region());
        }
    }

    private final ConnectionOwnership ownership;
    private final SharedListing<ListingKey, Map<String, ObservedConnection>> listings;

    ConnectionObservation(ConnectionOwnership ownership, Duration listingReuse, Clock clock) {
        this.ownership = ownership;
        this.listings = new SharedListing<>(listingReuse, clock);
    }

    /**
     * Long enough for one listing to serve a whole wave of resyncs at rest ({@link ResyncWaves}: jitter spreads a wave
     * over a fifth of the period), well under a period, so an out-of-band change is seen at the first wave after it.
     */
    static Duration listingReuse(OperatorConfig config) {
        return config.resyncPeriod().dividedBy(4);
    }

    /**
     * The connection known by id with its owner tag, empty when AWS no longer has it.
     *
     * @param status the resource's status (after a restart, what vouches for a connection the listing shows at rest)
     * @param owner this resource's owner tag value
     * @param fresh bypass the shared listing and every memory
     */
    Optional<ObservedConnection> read(
            String uid,
            String knownId,
            EnvironmentAccountConnectionStatus status,
            String owner,
            ConnectionGateway gateway,
            SideCalls calls,
            boolean fresh) {
        if (fresh) {
            ownership.forget(uid);
            return ownership.read(uid, knownId, gateway, calls);
        }
        Map<String, ObservedConnection> listed = listings.get(
                ListingKey.of(calls.sides().environment()),
                false,
                () -> calls.environment("ListEnvironmentAccountConnections", gateway::listRequestedHere));
        ObservedConnection summary = listed.get(knownId);
        if (summary != null) {
            Optional<ObservedConnection> known = ownership
                    .unchanged(uid, summary)
                    .or(() -> UnchangedConnection.vouchedByStatus(summary, status, owner));
            if (known.isPresent()) {
                ownership.remember(uid, known.get());
                return known;
            }
        }
        return ownership.read(uid, knownId, gateway, calls);
    }
}
