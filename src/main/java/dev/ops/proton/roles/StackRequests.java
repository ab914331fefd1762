package dev.ops.proton.roles;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * Builds the CloudFormation write requests for a desired stack, apart from the client so their content (client
 * token, capabilities, every parameter and tag) is unit-tested. Every template parameter the spec names is sent
 * with its value (never {@code UsePreviousValue}): the spec is the whole desired state, and parameters it omits
 * fall back to the template's defaults.
 */
final class StackRequests {

    private StackRequests() {}

    /** CreateStack; the token lets CloudFormation recognise a retry after a lost response. */
    static CreateStackRequest createStack(DesiredStack desired, String resourceUid) {
        return CreateStackRequest.builder()
                .stackName(desired.stackName())
                .templateBody(desired.templateBody())
                .parameters(parameters(desired.parameters()))
                .capabilitiesWithStrings(desired.capabilities())
                .tags(tags(desired.tags()))
                .enableTerminationProtection(desired.terminationProtection())
                .clientRequestToken(desired.clientRequestToken(resourceUid))
                .build();
    }

    /** CreateChangeSet of type UPDATE, named for the desired hash. */
    static CreateChangeSetRequest createUpdateChangeSet(DesiredStack desired, String resourceUid) {
        return CreateChangeSetRequest.builder()
                .stackName(desired.stackName())
                .changeSetName(desired.changeSetName())
                .changeSetType(ChangeSetType.UPDATE)
                .templateBody(desired.templateBody())
                .parameters(parameters(desired.parameters()))
                .capabilitiesWithStrings(desired.capabilities())
                .tags(tags(desired.tags()))
                .clientToken(desired.clientRequestToken(resourceUid))
                .build();
    }

    private static List<Parameter> parameters(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> Parameter.builder()
                        .parameterKey(entry.getKey())
                        .parameterValue(entry.getValue())
                        .build())
                .toList();
    }

    private static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> Tag.builder()
                        .key(entry.getKey())
                        .value(entry.getValue())
                        .build())
                .toList();
    }
}
