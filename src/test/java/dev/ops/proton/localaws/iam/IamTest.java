package dev.ops.proton.localaws.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.Role;

/** IAM role operations through the real SDK, with AWS's errors and per-account isolation. */
class IamTest {

    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"proton:GetEnvironment\",\"Resource\":\"*\"}]}";
    static LocalAws localAws;
    static IamClient iam;

    @BeforeAll
    static void start() {
        localAws = LocalAws.startEmbedded();
        iam = LocalAwsClients.root(localAws, "222222222222").iam();
    }

    @AfterAll
    static void stop() {
        localAws.close();
    }

    @Test
    void shouldCreateGetAndDeleteARole() {
        Role created = iam.createRole(r -> r.roleName("Lifecycle")
                        .path("/proton/")
                        .description("d")
                        .assumeRolePolicyDocument(TRUST)
                        .tags(t -> t.key("team").value("platform")))
                .role();

        assertThat(created.arn()).isEqualTo("arn:aws:iam::222222222222:role/proton/Lifecycle");
        Role fetched = iam.getRole(r -> r.roleName("Lifecycle")).role();
        assertThat(fetched.roleId()).isEqualTo(created.roleId());
        assertThat(URLDecoder.decode(fetched.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                .isEqualTo(TRUST);
        assertThat(fetched.assumeRolePolicyDocument()).contains("%22");
        assertThat(fetched.maxSessionDuration()).isEqualTo(3600);
        assertThat(fetched.tags())
                .singleElement()
                .satisfies(t -> assertThat(t.value()).isEqualTo("platform"));

        iam.deleteRole(r -> r.roleName("Lifecycle"));
        assertError(() -> iam.getRole(r -> r.roleName("Lifecycle")), 404, "NoSuchEntity");
    }

    @Test
    void shouldRefuseADuplicateRoleName() {
        iam.createRole(r -> r.roleName("Duplicate").assumeRolePolicyDocument(TRUST));

        assertError(
                () -> iam.createRole(r -> r.roleName("Duplicate").assumeRolePolicyDocument(TRUST)),
                409,
                "EntityAlreadyExists");
    }

    @Test
    void shouldRefuseInvalidInput() {
        assertError(
                () -> iam.createRole(r -> r.roleName("bad name").assumeRolePolicyDocument(TRUST)),
                400,
                "ValidationError");
        assertError(
                () -> iam.createRole(r -> r.roleName("BadTrust").assumeRolePolicyDocument("{not json")),
                400,
                "MalformedPolicyDocument");
        assertError(
                () -> iam.createRole(r ->
                        r.roleName("BadSession").assumeRolePolicyDocument(TRUST).maxSessionDuration(60)),
                400,
                "ValidationError");
    }

    @Test
    void shouldManageInlineAndAttachedPolicies() {
        iam.createRole(r -> r.roleName("WithPolicies").assumeRolePolicyDocument(TRUST));
        iam.putRolePolicy(r -> r.roleName("WithPolicies").policyName("inline").policyDocument(POLICY));
        iam.attachRolePolicy(r -> r.roleName("WithPolicies").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));

        assertThat(iam.listRolePolicies(r -> r.roleName("WithPolicies")).policyNames())
                .containsExactly("inline");
        assertThat(URLDecoder.decode(
                        iam.getRolePolicy(r -> r.roleName("WithPolicies").policyName("inline"))
                                .policyDocument(),
                        StandardCharsets.UTF_8))
                .isEqualTo(POLICY);
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("WithPolicies")).attachedPolicies())
                .singleElement()
                .satisfies(p -> assertThat(p.policyName()).isEqualTo("ReadOnlyAccess"));
        assertError(() -> iam.deleteRole(r -> r.roleName("WithPolicies")), 409, "DeleteConflict");

        iam.deleteRolePolicy(r -> r.roleName("WithPolicies").policyName("inline"));
        iam.detachRolePolicy(r -> r.roleName("WithPolicies").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        iam.deleteRole(r -> r.roleName("WithPolicies"));
        assertError(() -> iam.getRolePolicy(r -> r.roleName("WithPolicies").policyName("inline")), 404, "NoSuchEntity");
    }

    @Test
    void shouldUpdateTheTrustPolicy() {
        iam.createRole(r -> r.roleName("Retrusted").assumeRolePolicyDocument(TRUST));
        String other = TRUST.replace("111111111111", "333333333333");

        iam.updateAssumeRolePolicy(r -> r.roleName("Retrusted").policyDocument(other));

        assertThat(URLDecoder.decode(
                        iam.getRole(r -> r.roleName("Retrusted")).role().assumeRolePolicyDocument(),
                        StandardCharsets.UTF_8))
                .isEqualTo(other);
    }

    @Test
    void shouldPaginateListRolesAndFilterByPath() {
        IamClient paged = LocalAwsClients.root(localAws, "444444444444").iam();
        for (int i = 0; i < 5; i++) {
            String name = "Paged" + i;
            paged.createRole(r -> r.roleName(name)
                    .path(name.endsWith("0") ? "/special/" : "/")
                    .assumeRolePolicyDocument(TRUST));
        }

        var firstPage = paged.listRoles(r -> r.maxItems(2));
        assertThat(firstPage.roles()).hasSize(2);
        assertThat(firstPage.isTruncated()).isTrue();
        assertThat(paged.listRolesPaginator(r -> r.maxItems(2)).roles()).hasSize(5);
        assertThat(paged.listRoles(r -> r.pathPrefix("/special/")).roles())
                .extracting(Role::roleName)
                .containsExactly("Paged0");
    }

    @Test
    void shouldKeepEachAccountsRolesToItself() {
        iam.createRole(r -> r.roleName("Private").assumeRolePolicyDocument(TRUST));
        IamClient otherAccount = LocalAwsClients.root(localAws, "333333333333").iam();

        assertError(() -> otherAccount.getRole(r -> r.roleName("Private")), 404, "NoSuchEntity");
        assertThat(otherAccount.listRoles().roles()).extracting(Role::roleName).doesNotContain("Private");
    }

    private static void assertError(Executable call, int status, String code) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }
}
