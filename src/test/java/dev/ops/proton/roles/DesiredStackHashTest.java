package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DesiredStackHashTest {

    private static final String TEMPLATE = "Resources: {}\n";
    private static final Map<String, String> PARAMETERS = Map.of("EnvironmentAccountId", "111111111111");
    private static final Set<String> CAPABILITIES = Set.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM");
    private static final Map<String, String> TAGS = Map.of("proton.ops.dev/owner", "platform/prod-roles");

    private static final String BASE = DesiredStackHash.of(TEMPLATE, PARAMETERS, CAPABILITIES, TAGS);

    @Test
    void shouldKeepTheHashStableAcrossReleases() {
        assertThat(BASE).isEqualTo("e155da7ae896efb935469b2eda808697");
    }

    @Test
    void shouldIgnoreTheOrderOfMapsAndSets() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("B", "2");
        parameters.put("A", "1");
        Map<String, String> reversedParameters = new LinkedHashMap<>();
        reversedParameters.put("A", "1");
        reversedParameters.put("B", "2");
        Set<String> capabilities = new LinkedHashSet<>(List.of("CAPABILITY_NAMED_IAM", "CAPABILITY_IAM"));
        Set<String> reversedCapabilities = new LinkedHashSet<>(List.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"));

        assertThat(DesiredStackHash.of(TEMPLATE, parameters, capabilities, TAGS))
                .isEqualTo(DesiredStackHash.of(TEMPLATE, reversedParameters, reversedCapabilities, TAGS));
    }

    @Test
    void shouldChangeWithEveryPartOfTheDesiredState() {
        assertThat(List.of(
                        DesiredStackHash.of(TEMPLATE + "# edited\n", PARAMETERS, CAPABILITIES, TAGS),
                        DesiredStackHash.of(
                                TEMPLATE, Map.of("EnvironmentAccountId", "333333333333"), CAPABILITIES, TAGS),
                        DesiredStackHash.of(TEMPLATE, PARAMETERS, Set.of("CAPABILITY_IAM"), TAGS),
                        DesiredStackHash.of(TEMPLATE, PARAMETERS, CAPABILITIES, Map.of("proton.ops.dev/owner", "a/b"))))
                .doesNotContain(BASE)
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldTellAParameterFromATagWithTheSameKeyAndValue() {
        Map<String, String> entry = Map.of("team", "platform");

        assertThat(DesiredStackHash.of(TEMPLATE, entry, Set.of(), Map.of()))
                .isNotEqualTo(DesiredStackHash.of(TEMPLATE, Map.of(), Set.of(), entry));
    }
}
