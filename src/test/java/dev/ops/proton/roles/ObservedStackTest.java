package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.ExecutionStatus;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.Tag;

class ObservedStackTest {

    private static final String STACK_ID = "arn:aws:cloudformation:us-east-1:222222222222:stack/roles/1";

    @Test
    void shouldMapWhatDescribeStacksReturns() {
        Stack stack = Stack.builder()
                .stackId(STACK_ID)
                .stackName("roles")
                .stackStatus(StackStatus.UPDATE_ROLLBACK_COMPLETE)
                .stackStatusReason("Resource ProtonRole failed")
                .tags(
                        Tag.builder()
                                .key(DesiredStack.OWNER_TAG)
                                .value("platform/prod-roles")
                                .build(),
                        Tag.builder().key("team").value("platform").build())
                .enableTerminationProtection(true)
                .outputs(Output.builder()
                        .outputKey("ProtonRoleArn")
                        .outputValue("arn:aws:iam::2:role/p")
                        .build())
                .build();

        ObservedStack observed = ObservedStack.from(stack);

        assertThat(observed)
                .isEqualTo(new ObservedStack(
                        STACK_ID,
                        "UPDATE_ROLLBACK_COMPLETE",
                        "Resource ProtonRole failed",
                        Map.of(DesiredStack.OWNER_TAG, "platform/prod-roles", "team", "platform"),
                        true,
                        Map.of("ProtonRoleArn", "arn:aws:iam::2:role/p"),
                        Optional.empty()));
        assertThat(observed.owner()).isEqualTo("platform/prod-roles");
    }

    @Test
    void shouldKeepAStatusTheSdkDoesNotKnowAndDefaultWhatIsMissing() {
        Stack stack = Stack.builder()
                .stackId(STACK_ID)
                .stackName("roles")
                .stackStatus("SOMETHING_NEW")
                .build();

        ObservedStack observed = ObservedStack.from(stack);

        assertThat(observed.stackStatus()).isEqualTo("SOMETHING_NEW");
        assertThat(observed.statusReason()).isEmpty();
        assertThat(observed.terminationProtection()).isFalse();
        assertThat(observed.tags()).isEmpty();
        assertThat(observed.outputs()).isEmpty();
        assertThat(observed.owner()).isNull();
    }

    @Test
    void shouldMapWhatDescribeChangeSetReturns() {
        DescribeChangeSetResponse response = DescribeChangeSetResponse.builder()
                .changeSetName("proton-operator-abc")
                .status(ChangeSetStatus.CREATE_COMPLETE)
                .executionStatus(ExecutionStatus.AVAILABLE)
                .build();

        assertThat(ObservedChangeSet.from(response))
                .isEqualTo(new ObservedChangeSet("proton-operator-abc", "CREATE_COMPLETE", "", "AVAILABLE"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "FAILED | The submitted information didn't contain changes. Submit different information to create a"
                        + " change set. | true",
                "FAILED | No updates are to be performed. | true",
                "FAILED | Template format error: YAML not well-formed. | false",
                "CREATE_COMPLETE | The submitted information didn't contain changes. | false"
            })
    void shouldRecogniseTheChangeSetOfNoChanges(String status, String reason, boolean empty) {
        assertThat(new ObservedChangeSet("cs", status, reason, "UNAVAILABLE").hasNoChanges())
                .isEqualTo(empty);
    }
}
