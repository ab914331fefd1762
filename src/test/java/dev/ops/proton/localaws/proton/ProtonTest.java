package dev.ops.proton.localaws.proton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.proton.ProtonClient;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnection;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionRequesterAccountType;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionStatus;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionSummary;
import software.amazon.awssdk.services.proton.model.ProtonException;
import software.amazon.awssdk.services.proton.model.Tag;

/** Proton environment account connections through the real SDK: who may do what, the state machine, idempotency. */
class ProtonTest {

    static final String MANAGEMENT = "111111111111";
    static final String ENVIRONMENT = "222222222222";
    static LocalAws localAws;
    static ProtonClient management;
    static ProtonClient environment;

    @BeforeAll
    static void start() {
        localAws = LocalAws.startEmbedded();
        management = LocalAwsClients.root(localAws, MANAGEMENT).proton();
        environment = LocalAwsClients.root(localAws, ENVIRONMENT).proton();
    }

    @AfterAll
    static void stop() {
        localAws.close();
    }

    @Test
    void shouldRequestAcceptAndDeleteAConnection() {
        EnvironmentAccountConnection requested = request("lifecycle", null);

        assertThat(requested.status()).isEqualTo(EnvironmentAccountConnectionStatus.PENDING);
        assertThat(requested.id()).matches("[0-9a-f-]{36}");
        assertThat(requested.arn())
                .isEqualTo("arn:aws:proton:us-east-1:" + ENVIRONMENT + ":environment-account-connection/"
                        + requested.id());
        assertThat(requested.requestedAt()).isNotNull();
        assertThat(management
                        .listEnvironmentAccountConnections(
                                r -> r.requestedBy(EnvironmentAccountConnectionRequesterAccountType.MANAGEMENT_ACCOUNT)
                                        .environmentName("lifecycle"))
                        .environmentAccountConnections())
                .extracting(EnvironmentAccountConnectionSummary::id)
                .containsExactly(requested.id());

        EnvironmentAccountConnection accepted = management
                .acceptEnvironmentAccountConnection(r -> r.id(requested.id()))
                .environmentAccountConnection();
        assertThat(accepted.status()).isEqualTo(EnvironmentAccountConnectionStatus.CONNECTED);
        assertThat(environment
                        .getEnvironmentAccountConnection(r -> r.id(requested.id()))
                        .environmentAccountConnection()
                        .status())
                .isEqualTo(EnvironmentAccountConnectionStatus.CONNECTED);

        environment.deleteEnvironmentAccountConnection(r -> r.id(requested.id()));
        assertError(
                () -> environment.getEnvironmentAccountConnection(r -> r.id(requested.id())),
                "ResourceNotFoundException");
        assertError(
                () -> environment.deleteEnvironmentAccountConnection(r -> r.id(requested.id())),
                "ResourceNotFoundException");
    }

    @Test
    void shouldLetOnlyEachSideDoItsPart() {
        EnvironmentAccountConnection requested = request("sides", null);

        assertError(
                () -> environment.acceptEnvironmentAccountConnection(r -> r.id(requested.id())),
                "AccessDeniedException");
        assertError(
                () -> environment.rejectEnvironmentAccountConnection(r -> r.id(requested.id())),
                "AccessDeniedException");
        assertError(
                () -> management.deleteEnvironmentAccountConnection(r -> r.id(requested.id())),
                "AccessDeniedException");
        assertError(
                () -> management.updateEnvironmentAccountConnection(
                        r -> r.id(requested.id()).roleArn(role("Other"))),
                "AccessDeniedException");
    }

    @Test
    void shouldHideConnectionsFromOtherAccountsAndRegions() {
        EnvironmentAccountConnection requested = request("hidden", null);
        ProtonClient stranger = LocalAwsClients.root(localAws, "333333333333").proton();
        ProtonClient otherRegion = LocalAwsClients.root(localAws, ENVIRONMENT)
                .inRegion(Region.EU_WEST_1)
                .proton();

        assertError(
                () -> stranger.getEnvironmentAccountConnection(r -> r.id(requested.id())), "ResourceNotFoundException");
        assertError(
                () -> otherRegion.getEnvironmentAccountConnection(r -> r.id(requested.id())),
                "ResourceNotFoundException");
        assertThat(stranger.listEnvironmentAccountConnections(
                                r -> r.requestedBy(EnvironmentAccountConnectionRequesterAccountType.MANAGEMENT_ACCOUNT))
                        .environmentAccountConnections())
                .isEmpty();
    }

    @Test
    void shouldReturnTheOriginalForARepeatedClientToken() {
        String token = UUID.randomUUID().toString();
        EnvironmentAccountConnection first = request("idempotent", token);
        EnvironmentAccountConnection second = request("idempotent", token);

        assertThat(second.id()).isEqualTo(first.id());
        assertError(
                () -> environment.createEnvironmentAccountConnection(r -> r.clientToken(token)
                        .managementAccountId(MANAGEMENT)
                        .environmentName("idempotent")
                        .roleArn(role("Other"))),
                "ValidationException");
    }

    @Test
    void shouldRefuseASecondLiveConnectionForTheSameEnvironment() {
        request("unique", null);

        assertError(() -> request("unique", null), "ConflictException");
    }

    @Test
    void shouldNeverReuseARejectedConnection() {
        EnvironmentAccountConnection requested = request("rejected", null);
        management.rejectEnvironmentAccountConnection(r -> r.id(requested.id()));

        assertError(
                () -> management.acceptEnvironmentAccountConnection(r -> r.id(requested.id())), "ConflictException");
        assertThat(request("rejected", null).id()).isNotEqualTo(requested.id());
    }

    @Test
    void shouldUpdateRoles() {
        EnvironmentAccountConnection requested = request("roles", null);

        EnvironmentAccountConnection updated = environment
                .updateEnvironmentAccountConnection(
                        r -> r.id(requested.id()).roleArn(role("NewRole")).componentRoleArn(role("Component")))
                .environmentAccountConnection();

        assertThat(updated.roleArn()).isEqualTo(role("NewRole"));
        assertThat(updated.componentRoleArn()).isEqualTo(role("Component"));
    }

    @Test
    void shouldValidateInputAgainstTheModel() {
        assertError(
                () -> environment.createEnvironmentAccountConnection(
                        r -> r.managementAccountId("123").environmentName("x").roleArn(role("R"))),
                "ValidationException");
        assertError(
                () -> environment.createEnvironmentAccountConnection(r -> r.managementAccountId(MANAGEMENT)
                        .environmentName("-bad name")
                        .roleArn(role("R"))),
                "ValidationException");
        assertError(
                () -> environment.createEnvironmentAccountConnection(r ->
                        r.managementAccountId(MANAGEMENT).environmentName("ok").roleArn("arn:aws:s3:::bucket")),
                "ValidationException");
        assertError(
                () -> environment.createEnvironmentAccountConnection(r -> r.managementAccountId(ENVIRONMENT)
                        .environmentName("self")
                        .roleArn(role("R"))),
                "ValidationException");
        assertError(() -> environment.getEnvironmentAccountConnection(r -> r.id("not-a-uuid")), "ValidationException");
        assertError(
                () -> environment.listEnvironmentAccountConnections(r -> r.requestedBy("SOMEONE")),
                "ValidationException");
    }

    @Test
    void shouldPaginateLists() {
        ProtonClient paged = LocalAwsClients.root(localAws, "444444444444").proton();
        for (int i = 0; i < 5; i++) {
            String name = "paged" + i;
            paged.createEnvironmentAccountConnection(r -> r.managementAccountId(MANAGEMENT)
                    .environmentName(name)
                    .roleArn("arn:aws:iam::444444444444:role/R"));
        }

        var firstPage = paged.listEnvironmentAccountConnections(
                r -> r.maxResults(2).requestedBy(EnvironmentAccountConnectionRequesterAccountType.ENVIRONMENT_ACCOUNT));
        assertThat(firstPage.environmentAccountConnections()).hasSize(2);
        assertThat(firstPage.nextToken()).isNotNull();
        assertThat(paged.listEnvironmentAccountConnectionsPaginator(r -> r.maxResults(2)
                                .requestedBy(EnvironmentAccountConnectionRequesterAccountType.ENVIRONMENT_ACCOUNT))
                        .environmentAccountConnections())
                .hasSize(5);
    }

    @Test
    void shouldTagAndUntagConnections() {
        EnvironmentAccountConnection requested = environment
                .createEnvironmentAccountConnection(r -> r.managementAccountId(MANAGEMENT)
                        .environmentName("tagged")
                        .roleArn(role("R"))
                        .tags(Tag.builder().key("team").value("platform").build()))
                .environmentAccountConnection();

        environment.tagResource(r -> r.resourceArn(requested.arn())
                .tags(Tag.builder()
                        .key("proton.ops.dev/owner")
                        .value("platform/x")
                        .build()));
        assertThat(environment
                        .listTagsForResource(r -> r.resourceArn(requested.arn()))
                        .tags())
                .extracting(Tag::key)
                .containsExactly("proton.ops.dev/owner", "team");

        environment.untagResource(r -> r.resourceArn(requested.arn()).tagKeys("team"));
        assertThat(management
                        .listTagsForResource(r -> r.resourceArn(requested.arn()))
                        .tags())
                .extracting(Tag::key)
                .containsExactly("proton.ops.dev/owner");
        assertError(
                () -> management.tagResource(r -> r.resourceArn(requested.arn())
                        .tags(Tag.builder().key("k").value("v").build())),
                "AccessDeniedException");
    }

    @Test
    void shouldRecordWhichEnvironmentUsesAConnection() {
        EnvironmentAccountConnection requested = request("inuse", null);
        assertError(() -> createEnvironment("inuse-env", requested.id()), "ValidationException");
        management.acceptEnvironmentAccountConnection(r -> r.id(requested.id()));

        createEnvironment("inuse-env", requested.id());

        assertThat(management.listEnvironments(r -> {}).environments())
                .filteredOn(e -> "inuse-env".equals(e.name()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.environmentAccountConnectionId()).isEqualTo(requested.id());
                    assertThat(e.environmentAccountId()).isEqualTo(ENVIRONMENT);
                });
        assertThat(management
                        .getEnvironment(r -> r.name("inuse-env"))
                        .environment()
                        .environmentAccountConnectionId())
                .isEqualTo(requested.id());
        environment.deleteEnvironmentAccountConnection(r -> r.id(requested.id()));
        management.deleteEnvironment(r -> r.name("inuse-env"));
        assertError(() -> management.getEnvironment(r -> r.name("inuse-env")), "ResourceNotFoundException");
    }

    @Test
    void shouldRefuseToRejectAConnectionInUse() {
        EnvironmentAccountConnection requested = request("guarded", null);
        management.acceptEnvironmentAccountConnection(r -> r.id(requested.id()));
        createEnvironment("guarded-env", requested.id());

        assertError(
                () -> management.rejectEnvironmentAccountConnection(r -> r.id(requested.id())), "ConflictException");
    }

    private static void createEnvironment(String name, String connectionId) {
        management.createEnvironment(r -> r.name(name)
                .templateName("multi-svc-env")
                .templateMajorVersion("1")
                .spec("proton: EnvironmentSpec")
                .environmentAccountConnectionId(connectionId));
    }

    private static EnvironmentAccountConnection request(String environmentName, String clientToken) {
        return environment
                .createEnvironmentAccountConnection(r -> r.clientToken(clientToken)
                        .managementAccountId(MANAGEMENT)
                        .environmentName(environmentName)
                        .roleArn(role("ProtonRole")))
                .environmentAccountConnection();
    }

    private static String role(String name) {
        return "arn:aws:iam::" + ENVIRONMENT + ":role/" + name;
    }

    private static void assertError(Executable call, String code) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(ProtonException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }
}
