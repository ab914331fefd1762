package dev.ops.proton.connection;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whose a connection is, decided from AWS alone: its {@code proton.ops.dev/owner} tag (PRODUCT.md section 8). An id
 * in status is a cache, never proof: whatever reads a connection by id gets the tag too.
 *
 * <p>Tags are not part of Proton's Get, and reading them on every resync would double the calls at rest. So the tag
 * last read (ListTagsForResource) or written by this process (Create with the tag, TagResource when adopting) is
 * remembered per resource with the connection as then seen; a Get or a listing summary showing the same {@code
 * lastModifiedAt} reuses it, any change reads the tags again (after a restart, the status may vouch instead: {@link
 * UnchangedConnection}). Proton moves {@code lastModifiedAt} on every change the operator or Proton makes; only a
 * person re-tagging by hand goes unseen until the next change or a fresh observation, and this operator itself only
 * ever tags untagged connections.
 */
final class ConnectionOwnership {

    private final Map<String, ObservedConnection> byResource = new ConcurrentHashMap<>();

    /** Reads the connection known by id with its owner tag; empty when AWS no longer has it. */
    Optional<ObservedConnection> read(String uid, String connectionId, ConnectionGateway gateway, SideCalls calls) {
        Optional<ObservedConnection> found =
                calls.environment("GetEnvironmentAccountConnection", () -> gateway.getWithoutTags(connectionId));
        if (found.isEmpty()) {
            byResource.remove(uid);
            return found;
        }
        ObservedConnection connection = found.get();
        ObservedConnection remembered = byResource.get(uid);
        String tag = remembered != null
                        && remembered.id().equals(connectionId)
                        && Objects.equals(remembered.lastModifiedAt(), connection.lastModifiedAt())
                ? remembered.ownerTag()
                : calls.environment("ListTagsForResource", () -> gateway.ownerTag(connection.arn()));
        ObservedConnection tagged = connection.withOwnerTag(tag);
        remember(uid, tagged);
        return Optional.of(tagged);
    }

    /** Finds the live connection for the environment name, with its owner tag (List, then ListTagsForResource). */
    Optional<ObservedConnection> find(DesiredConnection desired, ConnectionGateway gateway, SideCalls calls) {
        return calls.environment(
                "ListEnvironmentAccountConnections",
                () -> gateway.findLive(desired.managementAccountId(), desired.environmentName()));
    }

    /** Remembers a connection whose tag was just read, or written by this process. */
    void remember(String uid, ObservedConnection connection) {
        byResource.put(uid, connection);
    }

    /**
     * The connection as last read or written by this process, with its owner tag and CodeBuild role, when a listing
     * summary shows it unchanged since ({@link UnchangedConnection#sameAs}); empty otherwise.
     */
    Optional<ObservedConnection> unchanged(String uid, ObservedConnection summary) {
        ObservedConnection remembered = byResource.get(uid);
        return remembered != null && UnchangedConnection.sameAs(summary, remembered)
                ? Optional.of(remembered)
                : Optional.empty();
    }

    void forget(String uid) {
        byResource.remove(uid);
    }
}
