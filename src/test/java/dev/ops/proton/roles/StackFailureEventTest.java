package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

class StackFailureEventTest {

    private static final String STACK = "AWS::CloudFormation::Stack";
    private static final String ROLE = "AWS::IAM::Role";

    @Test
    void shouldReturnTheFailuresOfTheLatestOperationNewestFirst() {
        List<StackEvent> newestFirst = List.of(
                event("roles", STACK, "UPDATE_ROLLBACK_COMPLETE", ""),
                event("ComponentRole", ROLE, "UPDATE_COMPLETE", ""),
                event("roles", STACK, "UPDATE_ROLLBACK_IN_PROGRESS", "The following resource(s) failed to update"),
                event("ComponentRole", ROLE, "UPDATE_FAILED", "Resource update cancelled"),
                event("ProtonRole", ROLE, "UPDATE_FAILED", "Policy document is malformed"),
                event("ProtonRole", ROLE, "UPDATE_IN_PROGRESS", ""),
                event("roles", STACK, "UPDATE_IN_PROGRESS", "User Initiated"),
                event("ProtonRole", ROLE, "CREATE_FAILED", "an older failure"),
                event("roles", STACK, "CREATE_IN_PROGRESS", "User Initiated"));

        assertThat(StackFailureEvent.ofLatestOperation(newestFirst, 10))
                .containsExactly(
                        new StackFailureEvent("ComponentRole", ROLE, "UPDATE_FAILED", "Resource update cancelled"),
                        new StackFailureEvent("ProtonRole", ROLE, "UPDATE_FAILED", "Policy document is malformed"));
    }

    @Test
    void shouldKeepTheFirstFailuresWhenThereAreMoreThanTheLimit() {
        List<StackEvent> newestFirst = List.of(
                event("roles", STACK, "ROLLBACK_COMPLETE", ""),
                event("C", ROLE, "CREATE_FAILED", "Resource creation cancelled"),
                event("B", ROLE, "CREATE_FAILED", "Resource creation cancelled"),
                event("A", ROLE, "CREATE_FAILED", "Role name already exists"),
                event("roles", STACK, "CREATE_IN_PROGRESS", "User Initiated"));

        assertThat(StackFailureEvent.ofLatestOperation(newestFirst, 2))
                .extracting(StackFailureEvent::logicalResourceId)
                .containsExactly("B", "A");
    }

    @Test
    void shouldIncludeTheStacksOwnFailureAndSeeANestedStackAsAResource() {
        List<StackEvent> newestFirst = List.of(
                event("roles", STACK, "DELETE_FAILED", "The following resource(s) failed to delete: [Nested]"),
                event("Nested", STACK, "DELETE_FAILED", "Nested stack failed"),
                event("Nested", STACK, "DELETE_IN_PROGRESS", ""),
                event("roles", STACK, "DELETE_IN_PROGRESS", "User Initiated"));

        assertThat(StackFailureEvent.ofLatestOperation(newestFirst, 10))
                .extracting(StackFailureEvent::logicalResourceId)
                .containsExactly("roles", "Nested");
    }

    @Test
    void shouldStopReadingAtTheStartOfTheLatestOperation() {
        List<StackEvent> latest = List.of(
                event("ProtonRole", ROLE, "CREATE_FAILED", "denied"),
                event("roles", STACK, "CREATE_IN_PROGRESS", "User Initiated"));
        Iterable<StackEvent> pagesThatMustNotBeFetched = () -> new Iterator<>() {
            private final Iterator<StackEvent> first = latest.iterator();

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public StackEvent next() {
                if (first.hasNext()) {
                    return first.next();
                }
                throw new AssertionError("read past the start of the latest operation");
            }
        };

        assertThat(StackFailureEvent.ofLatestOperation(pagesThatMustNotBeFetched, 10))
                .hasSize(1);
    }

    private static StackEvent event(String logicalId, String type, String status, String reason) {
        return StackEvent.builder()
                .stackName("roles")
                .logicalResourceId(logicalId)
                .resourceType(type)
                .resourceStatus(status)
                .resourceStatusReason(reason)
                .build();
    }
}
