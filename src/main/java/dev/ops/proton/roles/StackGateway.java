package dev.ops.proton.roles;

import dev.ops.proton.aws.AwsFailure;
import dev.ops.proton.aws.AwsFailures;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * Every CloudFormation call of the ConnectionRoles controller, in one account and region. SDK exceptions leave it
 * only as {@link AwsFailure}s, so the reconciler never handles SDK types. Answers the controller expects are not
 * failures: a missing stack or change set observes as empty; a delete that finds nothing succeeds (as AWS's own
 * DeleteStack does); a CreateChangeSet retried after a lost response finds its change set already there and
 * succeeds.
 */
public final class StackGateway {

    private final CloudFormationClient client;

    public StackGateway(CloudFormationClient client) {
        this.client = client;
    }

    /** DescribeStacks by name; empty when CloudFormation answers that the stack does not exist. */
    public Optional<ObservedStack> observe(String stackName) {
        return unlessNotFound("DescribeStacks", () -> client.describeStacks(request -> request.stackName(stackName)))
                .flatMap(response -> response.stacks().stream().findFirst())
                .map(ObservedStack::from);
    }

    /** DescribeChangeSet (first page: status only, not the changes); empty when there is no such change set. */
    public Optional<ObservedChangeSet> describeChangeSet(String stackName, String changeSetName) {
        return unlessNotFound(
                        "DescribeChangeSet",
                        () -> client.describeChangeSet(
                                request -> request.stackName(stackName).changeSetName(changeSetName)))
                .map(ObservedChangeSet::from);
    }

    /** CreateStack with a client token from the resource uid and desired hash; returns the stack id. */
    public String createStack(DesiredStack desired, String resourceUid) {
        return call("CreateStack", () -> client.createStack(StackRequests.createStack(desired, resourceUid)))
                .stackId();
    }

    /** CreateChangeSet of type UPDATE named {@link DesiredStack#changeSetName()}. */
    public void createUpdateChangeSet(DesiredStack desired, String resourceUid) {
        try {
            call(
                    "CreateChangeSet",
                    () -> client.createChangeSet(StackRequests.createUpdateChangeSet(desired, resourceUid)));
        } catch (AwsFailure failure) {
            if (failure.kind() != AwsFailure.Kind.ALREADY_EXISTS) {
                throw failure;
            }
        }
    }

    public void executeChangeSet(String stackName, String changeSetName) {
        call(
                "ExecuteChangeSet",
                () -> client.executeChangeSet(
                        request -> request.stackName(stackName).changeSetName(changeSetName)));
    }

    public void deleteChangeSet(String stackName, String changeSetName) {
        unlessNotFound(
                "DeleteChangeSet",
                () -> client.deleteChangeSet(
                        request -> request.stackName(stackName).changeSetName(changeSetName)));
    }

    public void deleteStack(String stackName) {
        call("DeleteStack", () -> client.deleteStack(request -> request.stackName(stackName)));
    }

    public void updateTerminationProtection(String stackName, boolean enabled) {
        call(
                "UpdateTerminationProtection",
                () -> client.updateTerminationProtection(
                        request -> request.stackName(stackName).enableTerminationProtection(enabled)));
    }

    /**
     * The failure events of the stack's latest operation, newest first, at most {@code limit}; by stack id, so a
     * deleted stack's events are found too.
     */
    public List<StackFailureEvent> recentFailureEvents(String stackId, int limit) {
        return call(
                "DescribeStackEvents",
                () -> StackFailureEvent.ofLatestOperation(
                        client.describeStackEventsPaginator(request -> request.stackName(stackId))
                                .stackEvents(),
                        limit));
    }

    private static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw AwsFailures.classify(operation, e);
        }
    }

    private static <T> Optional<T> unlessNotFound(String operation, Supplier<T> call) {
        try {
            return Optional.of(call(operation, call));
        } catch (AwsFailure failure) {
            if (failure.kind() == AwsFailure.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw failure;
        }
    }
}
