package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.model.AdoptionPolicy;
import dev.ops.proton.model.ManagementPolicy;
import dev.ops.proton.roles.DesiredStack.DeletionPolicy;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DesiredStackTest {

    private static final DesiredStack DESIRED = DesiredStack.of(
            "roles",
            "Resources: {}\n",
            Map.of("EnvironmentAccountId", "111111111111"),
            Set.of("CAPABILITY_NAMED_IAM"),
            Map.of(DesiredStack.OWNER_TAG, "platform/prod-roles"),
            false,
            DeletionPolicy.RETAIN,
            false,
            false,
            ManagementPolicy.FullControl,
            AdoptionPolicy.AdoptOrCreate);

    @Test
    void shouldComputeTheHashOfWhatItDeclares() {
        assertThat(DESIRED.desiredHash())
                .isEqualTo(DesiredStackHash.of(
                        DESIRED.templateBody(), DESIRED.parameters(), DESIRED.capabilities(), DESIRED.tags()));
    }

    @Test
    void shouldNameItsChangeSetAsCloudFormationAllows() {
        assertThat(DESIRED.changeSetName())
                .matches("[a-zA-Z][-a-zA-Z0-9]*")
                .hasSizeLessThanOrEqualTo(128)
                .endsWith(DESIRED.desiredHash());
    }

    @Test
    void shouldDeriveTheClientTokenFromResourceUidAndDesiredHash() {
        String uid = "0b6f5c1e-4f0a-4e0c-9d8e-2b8f1f0c7a11";

        assertThat(DESIRED.clientRequestToken(uid))
                .matches("[a-zA-Z0-9][-a-zA-Z0-9]*")
                .hasSizeLessThanOrEqualTo(128)
                .startsWith(uid)
                .endsWith(DESIRED.desiredHash())
                .isNotEqualTo(DESIRED.clientRequestToken("7d3a2f60-0000-4000-8000-000000000000"));
    }

    @Test
    void shouldReadItsOwnerFromTheOwnershipTag() {
        assertThat(DESIRED.owner()).isEqualTo("platform/prod-roles");
    }
}
