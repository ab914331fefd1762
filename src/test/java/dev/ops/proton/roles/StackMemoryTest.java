package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.roles.StackAction.CreateStack;
import dev.ops.proton.roles.StackAction.CreateUpdateChangeSet;
import dev.ops.proton.roles.StackAction.Done;
import dev.ops.proton.roles.StackAction.ExecuteChangeSet;
import dev.ops.proton.roles.StackAction.RecordNoChange;
import dev.ops.proton.roles.StackAction.SetTerminationProtection;
import dev.ops.proton.roles.StackAction.Stall;
import dev.ops.proton.roles.StackAction.Wait;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackMemoryTest {

    private static final StackMemory MEMORY = new StackMemory("applied", "attempted");

    @Test
    void shouldRememberTheAttemptOfACreateOrAnUpdate() {
        assertThat(MEMORY.after(new CreateStack(), "desired")).isEqualTo(new StackMemory("applied", "desired"));
        assertThat(MEMORY.after(new ExecuteChangeSet("cs"), "desired"))
                .isEqualTo(new StackMemory("applied", "desired"));
    }

    @Test
    void shouldRememberTheAppliedHashAndForgetTheAttemptOnceTheStackMatches() {
        assertThat(MEMORY.after(new Done(Map.of()), "desired")).isEqualTo(new StackMemory("desired", null));
        assertThat(MEMORY.after(new RecordNoChange("cs"), "desired")).isEqualTo(new StackMemory("desired", null));
    }

    @Test
    void shouldKeepTheMemoryForOtherActions() {
        assertThat(MEMORY.after(new CreateUpdateChangeSet("cs"), "desired")).isSameAs(MEMORY);
        assertThat(MEMORY.after(new SetTerminationProtection(true), "desired")).isSameAs(MEMORY);
        assertThat(MEMORY.after(new Wait("StackCreating", "m"), "desired")).isSameAs(MEMORY);
        assertThat(MEMORY.after(new Stall("StackCreateFailed", "m", true), "desired"))
                .isSameAs(MEMORY);
    }
}
