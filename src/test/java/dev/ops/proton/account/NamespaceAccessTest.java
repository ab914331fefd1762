package dev.ops.proton.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceAccessTest {

    @Test
    void shouldAllowNoNamespaceWhenNothingIsDeclared() {
        assertThat(NamespaceAccess.allows(null, null, "platform", Map.of())).isFalse();
        assertThat(NamespaceAccess.allows(List.of(), null, "platform", Map.of()))
                .isFalse();
    }

    @Test
    void shouldAllowNamedNamespacesOnly() {
        assertThat(NamespaceAccess.allows(List.of("platform"), null, "platform", Map.of()))
                .isTrue();
        assertThat(NamespaceAccess.allows(List.of("platform"), null, "tenant-a", Map.of()))
                .isFalse();
    }

    @Test
    void shouldAllowNamespacesMatchingTheSelector() {
        LabelSelector selector = new LabelSelectorBuilder()
                .addToMatchLabels("team", "platform")
                .addNewMatchExpression()
                .withKey("env")
                .withOperator("In")
                .withValues("prod", "staging")
                .endMatchExpression()
                .build();

        assertThat(NamespaceAccess.allows(null, selector, "ns", Map.of("team", "platform", "env", "prod")))
                .isTrue();
        assertThat(NamespaceAccess.allows(null, selector, "ns", Map.of("team", "platform", "env", "dev")))
                .isFalse();
        assertThat(NamespaceAccess.allows(null, selector, "ns", Map.of("env", "prod")))
                .isFalse();
    }

    @Test
    void shouldHonourExistsNotInAndDoesNotExist() {
        LabelSelector selector = new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey("proton")
                .withOperator("Exists")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("tier")
                .withOperator("NotIn")
                .withValues("sandbox")
                .endMatchExpression()
                .addNewMatchExpression()
                .withKey("quarantine")
                .withOperator("DoesNotExist")
                .endMatchExpression()
                .build();

        assertThat(NamespaceAccess.allows(null, selector, "ns", Map.of("proton", "")))
                .isTrue();
        assertThat(NamespaceAccess.allows(null, selector, "ns", Map.of("proton", "", "tier", "sandbox")))
                .isFalse();
        assertThat(NamespaceAccess.allows(null, selector, "ns", Map.of("proton", "", "quarantine", "y")))
                .isFalse();
        assertThat(NamespaceAccess.allows(null, selector, "ns", Map.of())).isFalse();
    }

    @Test
    void shouldRefuseUnknownOperators() {
        LabelSelector selector = new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey("a")
                .withOperator("Gt")
                .withValues("1")
                .endMatchExpression()
                .build();

        assertThat(NamespaceAccess.allows(null, selector, "ns", Map.of("a", "2")))
                .isFalse();
    }

    @Test
    void shouldNameWhatMakesASelectorInvalid() {
        assertThat(NamespaceAccess.problemWith(null)).isNull();
        assertThat(NamespaceAccess.problemWith(selector("In", "a"))).isNull();
        assertThat(NamespaceAccess.problemWith(selector("Exists"))).isNull();
        assertThat(NamespaceAccess.problemWith(selector("Equals", "a")))
                .contains("matchExpressions[0]", "Equals is not one of In, NotIn, Exists, DoesNotExist");
        assertThat(NamespaceAccess.problemWith(selector("NotIn"))).contains("NotIn needs at least one value");
        assertThat(NamespaceAccess.problemWith(selector("DoesNotExist", "a"))).contains("DoesNotExist takes no values");
    }

    private static LabelSelector selector(String operator, String... values) {
        return new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey("team")
                .withOperator(operator)
                .withValues(values)
                .endMatchExpression()
                .build();
    }
}
