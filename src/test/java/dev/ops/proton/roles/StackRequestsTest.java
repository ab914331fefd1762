package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ops.proton.model.AdoptionPolicy;
import dev.ops.proton.model.ManagementPolicy;
import dev.ops.proton.roles.DesiredStack.DeletionPolicy;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Tag;

class StackRequestsTest {

    private static final String UID = "0b6f5c1e-4f0a-4e0c-9d8e-2b8f1f0c7a11";
    private static final DesiredStack DESIRED = DesiredStack.of(
            "roles",
            "Resources: {}\n",
            Map.of("EnvironmentAccountId", "111111111111", "CreateComponentRole", "true"),
            Set.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"),
            Map.of(DesiredStack.OWNER_TAG, "platform/prod-roles", "team", "platform"),
            true,
            DeletionPolicy.RETAIN,
            false,
            false,
            ManagementPolicy.FullControl,
            AdoptionPolicy.AdoptOrCreate);

    @Test
    void shouldCreateTheStackWithEverythingTheSpecDeclares() {
        CreateStackRequest request = StackRequests.createStack(DESIRED, UID);

        assertThat(request.stackName()).isEqualTo("roles");
        assertThat(request.templateBody()).isEqualTo("Resources: {}\n");
        assertThat(request.parameters())
                .containsExactly(
                        Parameter.builder()
                                .parameterKey("CreateComponentRole")
                                .parameterValue("true")
                                .build(),
                        Parameter.builder()
                                .parameterKey("EnvironmentAccountId")
                                .parameterValue("111111111111")
                                .build());
        assertThat(request.capabilitiesAsStrings()).containsExactlyInAnyOrder("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM");
        assertThat(request.tags())
                .containsExactly(
                        Tag.builder()
                                .key(DesiredStack.OWNER_TAG)
                                .value("platform/prod-roles")
                                .build(),
                        Tag.builder().key("team").value("platform").build());
        assertThat(request.enableTerminationProtection()).isTrue();
        assertThat(request.clientRequestToken()).isEqualTo(DESIRED.clientRequestToken(UID));
    }

    @Test
    void shouldUpdateThroughAChangeSetNamedForTheDesiredHash() {
        CreateChangeSetRequest request = StackRequests.createUpdateChangeSet(DESIRED, UID);

        assertThat(request.stackName()).isEqualTo("roles");
        assertThat(request.changeSetName()).isEqualTo(DESIRED.changeSetName());
        assertThat(request.changeSetType()).isEqualTo(ChangeSetType.UPDATE);
        assertThat(request.templateBody()).isEqualTo("Resources: {}\n");
        assertThat(request.parameters())
                .extracting(Parameter::parameterKey, Parameter::parameterValue, Parameter::usePreviousValue)
                .containsExactly(
                        tuple("CreateComponentRole", "true", null),
                        tuple("EnvironmentAccountId", "111111111111", null));
        assertThat(request.capabilitiesAsStrings()).containsExactlyInAnyOrder("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM");
        assertThat(request.tags()).extracting(Tag::key).containsExactly(DesiredStack.OWNER_TAG, "team");
        assertThat(request.clientToken()).isEqualTo(DESIRED.clientRequestToken(UID));
    }
}
