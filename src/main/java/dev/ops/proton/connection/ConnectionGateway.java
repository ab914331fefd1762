package dev.ops.proton.connection;

import dev.ops.proton.aws.OwnershipTag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.proton.ProtonClient;
import software.amazon.awssdk.services.proton.model.ConflictException;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnection;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionRequesterAccountType;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionStatus;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionSummary;
import software.amazon.awssdk.services.proton.model.EnvironmentSummary;
import software.amazon.awssdk.services.proton.model.ResourceNotFoundException;
import software.amazon.awssdk.services.proton.model.Tag;

/**
 * Every Proton call of the connection controller, each made with the credentials of the account AWS requires:
 * the environment account requests, updates, tags and deletes; the management account accepts and lists the
 * environments that use a connection. SDK errors other than "not found" propagate for the reconciler to classify.
 */
public final class ConnectionGateway {

    /** The largest page ListEnvironmentAccountConnections serves (its model's maxResults is 1..100). */
    static final int PAGE_SIZE = 100;

    private final ProtonClient environmentAccount;
    private final ProtonClient managementAccount;

    /**
     * @param environmentAccount Proton client acting in the environment account
     * @param managementAccount Proton client acting in the management account, or null when the operator may not
     *     act there
     */
    public ConnectionGateway(ProtonClient environmentAccount, ProtonClient managementAccount) {
        this.environmentAccount = environmentAccount;
        this.managementAccount = managementAccount;
    }

    /**
     * The client token of a Create: derived from the resource UID and the connection it replaces, so a retry after a
     * lost response returns the same connection, while a re-request after an out-of-band delete is a new one.
     */
    public static String clientToken(String resourceUid, String replacedConnectionId) {
        String seed = resourceUid + "/" + (replacedConnectionId == null ? "first" : replacedConnectionId);
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Reads a connection known by id, without its tags: the result's owner tag is null whatever AWS holds, so the
     * caller must settle ownership ({@link #ownerTag}, or a tag it read before). Empty when AWS no longer has it.
     */
    public Optional<ObservedConnection> getWithoutTags(String connectionId) {
        try {
            EnvironmentAccountConnection connection = environmentAccount
                    .getEnvironmentAccountConnection(r -> r.id(connectionId))
                    .environmentAccountConnection();
            return Optional.of(ObservedConnection.of(connection, null));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Requests a connection. When Proton refuses because a live connection for the same management account and
     * environment already exists, returns that one with its real ownership tag, for the decision to adopt or leave
     * alone; when that connection can't be found, throws {@link UnresolvedConflict}.
     *
     * @return the connection and whether it already existed (found after a conflict)
     */
    public Requested create(DesiredConnection desired, String clientToken, Map<String, String> tags) {
        List<Tag> awsTags = new ArrayList<>();
        tags.forEach(
                (key, value) -> awsTags.add(Tag.builder().key(key).value(value).build()));
        try {
            EnvironmentAccountConnection created = environmentAccount
                    .createEnvironmentAccountConnection(r -> r.clientToken(clientToken)
                            .managementAccountId(desired.managementAccountId())
                            .environmentName(desired.environmentName())
                            .roleArn(desired.roles().roleArn())
                            .codebuildRoleArn(desired.roles().codebuildRoleArn())
                            .componentRoleArn(desired.roles().componentRoleArn())
                            .tags(awsTags))
                    .environmentAccountConnection();
            // the client token is derived from this resource's UID, so even a connection it returns from an
            // earlier Create carries the tags this resource sent
            return new Requested(ObservedConnection.of(created, tags.get(OwnershipTag.KEY)), false);
        } catch (ConflictException conflict) {
            return findLive(desired.managementAccountId(), desired.environmentName())
                    .map(found -> new Requested(found, true))
                    .orElseThrow(() -> new UnresolvedConflict(
                            conflict.awsErrorDetails() == null
                                    ? conflict.getMessage()
                                    : conflict.awsErrorDetails().errorMessage()));
        }
    }

    /** What a Create returned: the connection, and whether it is one that already existed (after a conflict). */
    public record Requested(ObservedConnection connection, boolean existing) {}

    /**
     * Proton refused a Create as a conflict, but no live connection for the environment name was found to explain
     * it: retrying can't help until something changes in AWS.
     */
    public static final class UnresolvedConflict extends RuntimeException {
        UnresolvedConflict(String awsMessage) {
            super(awsMessage, null, false, false);
        }
    }

    /**
     * Finds the live connection for (management account, environment name) requested by this account, with its real
     * ownership tag.
     */
    public Optional<ObservedConnection> findLive(String managementAccountId, String environmentName) {
        for (EnvironmentAccountConnectionSummary summary : environmentAccount
                .listEnvironmentAccountConnectionsPaginator(
                        r -> r.requestedBy(EnvironmentAccountConnectionRequesterAccountType.ENVIRONMENT_ACCOUNT)
                                .environmentName(environmentName)
                                .statuses(
                                        EnvironmentAccountConnectionStatus.PENDING,
                                        EnvironmentAccountConnectionStatus.CONNECTED))
                .environmentAccountConnections()) {
            if (managementAccountId.equals(summary.managementAccountId())) {
                String tag = ownerTag(summary.arn());
                return getWithoutTags(summary.id()).map(found -> found.withOwnerTag(tag));
            }
        }
        return Optional.empty();
    }

    /**
     * Every connection this account requested in this region, by id, from ListEnvironmentAccountConnections (pages
     * of 100, all of them; every status, so a rejected one shows). A summary carries neither the CodeBuild role nor
     * tags: the result's owner tag is null and its CodeBuild role unknown (null) whatever AWS holds.
     */
    public Map<String, ObservedConnection> listRequestedHere() {
        Map<String, ObservedConnection> byId = new LinkedHashMap<>();
        for (EnvironmentAccountConnectionSummary summary : environmentAccount
                .listEnvironmentAccountConnectionsPaginator(
                        r -> r.requestedBy(EnvironmentAccountConnectionRequesterAccountType.ENVIRONMENT_ACCOUNT)
                                .maxResults(PAGE_SIZE))
                .environmentAccountConnections()) {
            byId.put(summary.id(), ObservedConnection.ofSummary(summary));
        }
        return byId;
    }

    /** Tags an adopted connection with its owner. */
    public void tagOwner(ObservedConnection connection, String owner) {
        environmentAccount.tagResource(r -> r.resourceArn(connection.arn())
                .tags(Tag.builder().key(OwnershipTag.KEY).value(owner).build()));
    }

    /** Sets the roles of a connection this resource owns; the result carries the owner tag it had. */
    public ObservedConnection updateRoles(ObservedConnection connection, ConnectionRoleArns roles) {
        EnvironmentAccountConnection updated = environmentAccount
                .updateEnvironmentAccountConnection(r -> r.id(connection.id())
                        .roleArn(roles.roleArn())
                        .codebuildRoleArn(roles.codebuildRoleArn())
                        .componentRoleArn(roles.componentRoleArn()))
                .environmentAccountConnection();
        return ObservedConnection.of(updated, connection.ownerTag());
    }

    /** Accepts a connection this resource owns; the result carries the owner tag it had. */
    public ObservedConnection accept(ObservedConnection connection) {
        EnvironmentAccountConnection accepted = requireManagementAccount()
                .acceptEnvironmentAccountConnection(r -> r.id(connection.id()))
                .environmentAccountConnection();
        return ObservedConnection.of(accepted, connection.ownerTag());
    }

    /** Deletes from the environment account; a connection already gone counts as deleted. */
    public void delete(ObservedConnection connection) {
        try {
            environmentAccount.deleteEnvironmentAccountConnection(r -> r.id(connection.id()));
        } catch (ResourceNotFoundException alreadyGone) {
            // deleted: what we wanted
        }
    }

    /** Names of the management account's Proton environments that use the connection. */
    public List<String> environmentsUsing(String connectionId) {
        List<String> names = new ArrayList<>();
        for (EnvironmentSummary environment :
                requireManagementAccount().listEnvironmentsPaginator(r -> {}).environments()) {
            if (connectionId.equals(environment.environmentAccountConnectionId())) {
                names.add(environment.name());
            }
        }
        return names;
    }

    public boolean canActInManagementAccount() {
        return managementAccount != null;
    }

    private ProtonClient requireManagementAccount() {
        if (managementAccount == null) {
            throw new IllegalStateException(
                    "no managementAccountRef: the operator may not act in the management account");
        }
        return managementAccount;
    }

    /** The connection's {@value OwnershipTag#KEY} tag, null when untagged (ListTagsForResource). */
    public String ownerTag(String arn) {
        return environmentAccount.listTagsForResourcePaginator(r -> r.resourceArn(arn)).tags().stream()
                .filter(tag -> OwnershipTag.KEY.equals(tag.key()))
                .map(Tag::value)
                .findFirst()
                .orElse(null);
    }
}
