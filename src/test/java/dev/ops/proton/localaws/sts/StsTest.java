package dev.ops.proton.localaws.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.localaws.LocalAwsConfig;
import dev.ops.proton.localaws.MutableClock;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS through the real SDK: trust policies, ExternalId, duration bounds, and credentials that really work. */
class StsTest {

    static final String OPERATOR = "999999999999";
    static final String TARGET = "222222222222";
    static final MutableClock CLOCK = new MutableClock();
    static LocalAws localAws;

    @BeforeAll
    static void start() {
        localAws = LocalAws.start(LocalAwsConfig.embedded().withClock(CLOCK));
        var iam = LocalAwsClients.root(localAws, TARGET).iam();
        iam.createRole(r -> r.roleName("OperatorRole")
                .assumeRolePolicyDocument(trust("{\"AWS\":\"arn:aws:iam::" + OPERATOR + ":root\"}", "")));
        iam.createRole(r -> r.roleName("ExternalIdRole")
                .assumeRolePolicyDocument(trust(
                        "{\"AWS\":\"" + OPERATOR + "\"}",
                        ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"s3cret-id\"}}")));
        iam.createRole(r -> r.roleName("ServiceRole")
                .assumeRolePolicyDocument(trust("{\"Service\":\"proton.amazonaws.com\"}", "")));
        iam.createRole(r -> r.roleName("LongRole")
                .maxSessionDuration(7200)
                .assumeRolePolicyDocument(trust("{\"AWS\":\"arn:aws:iam::" + OPERATOR + ":root\"}", "")));
        iam.createRole(r -> r.roleName("ChainedRole")
                .assumeRolePolicyDocument(trust("{\"AWS\":\"arn:aws:iam::" + TARGET + ":role/LongRole\"}", "")));
        // A trust policy alone does not let a session chain on: its own role must allow sts:AssumeRole too.
        iam.putRolePolicy(r -> r.roleName("LongRole")
                .policyName("chain")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::" + TARGET
                        + ":role/ChainedRole\"}]}"));
    }

    @AfterAll
    static void stop() {
        localAws.close();
    }

    @Test
    void shouldAssumeARoleTrustingTheCallersAccountAndActAsTheSession() {
        AssumeRoleResponse assumed =
                assume(OPERATOR, r -> r.roleArn(arn("OperatorRole")).roleSessionName("ops"));

        assertThat(assumed.assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::" + TARGET + ":assumed-role/OperatorRole/ops");
        var identity =
                LocalAwsClients.session(localAws, assumed.credentials()).sts().getCallerIdentity();
        assertThat(identity.account()).isEqualTo(TARGET);
        assertThat(identity.arn()).isEqualTo("arn:aws:sts::" + TARGET + ":assumed-role/OperatorRole/ops");
        assertThat(identity.userId()).endsWith(":ops").startsWith("AROA");
    }

    @Test
    void shouldRefuseAnAccountTheRoleDoesNotTrust() {
        assertDenied(
                "333333333333",
                r -> r.roleArn(arn("OperatorRole")).roleSessionName("ops"),
                "User: arn:aws:iam::333333333333:root is not authorized to perform: sts:AssumeRole on resource: "
                        + arn("OperatorRole"));
    }

    @Test
    void shouldNeverLetAnAccountAssumeAServiceRole() {
        assertDenied(TARGET, r -> r.roleArn(arn("ServiceRole")).roleSessionName("ops"), "not authorized");
    }

    @Test
    void shouldRefuseAnUnknownRoleAsAccessDenied() {
        assertDenied(OPERATOR, r -> r.roleArn(arn("NoSuchRole")).roleSessionName("ops"), "not authorized");
    }

    @Test
    void shouldRequireTheExactExternalId() {
        assertThat(assume(
                                OPERATOR,
                                r -> r.roleArn(arn("ExternalIdRole"))
                                        .roleSessionName("ops")
                                        .externalId("s3cret-id"))
                        .credentials())
                .isNotNull();
        assertDenied(
                OPERATOR,
                r -> r.roleArn(arn("ExternalIdRole")).roleSessionName("ops").externalId("wrong-id"),
                "not authorized");
        assertDenied(OPERATOR, r -> r.roleArn(arn("ExternalIdRole")).roleSessionName("ops"), "not authorized");
    }

    @Test
    void shouldEnforceDurationBounds() {
        assertValidation(
                r -> r.roleArn(arn("OperatorRole")).roleSessionName("ops").durationSeconds(899), "durationSeconds");
        assertValidation(
                r -> r.roleArn(arn("OperatorRole")).roleSessionName("ops").durationSeconds(43201), "durationSeconds");
        assertValidation(
                r -> r.roleArn(arn("OperatorRole")).roleSessionName("ops").durationSeconds(7200), "MaxSessionDuration");
        assertThat(assume(
                                OPERATOR,
                                r -> r.roleArn(arn("LongRole"))
                                        .roleSessionName("ops")
                                        .durationSeconds(7200))
                        .credentials())
                .isNotNull();
    }

    @Test
    void shouldValidateTheSessionName() {
        assertValidation(r -> r.roleArn(arn("OperatorRole")).roleSessionName("bad name!"), "roleSessionName");
        assertValidation(r -> r.roleArn(arn("OperatorRole")).roleSessionName("x"), "roleSessionName");
    }

    @Test
    void shouldCapRoleChainingAtOneHour() {
        Credentials longSession = assume(
                        OPERATOR, r -> r.roleArn(arn("LongRole")).roleSessionName("first"))
                .credentials();
        StsClient chained = LocalAwsClients.session(localAws, longSession).sts();

        assertThat(chained.assumeRole(r -> r.roleArn(arn("ChainedRole")).roleSessionName("second"))
                        .assumedRoleUser()
                        .arn())
                .endsWith("assumed-role/ChainedRole/second");
        assertThatThrownBy(() -> chained.assumeRole(r ->
                        r.roleArn(arn("ChainedRole")).roleSessionName("second").durationSeconds(7200)))
                .isInstanceOfSatisfying(
                        StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).contains("role chaining"));
    }

    @Test
    void shouldRefuseAForgedSecretForIssuedCredentials() {
        Credentials real = assume(OPERATOR, r -> r.roleArn(arn("OperatorRole")).roleSessionName("ops"))
                .credentials();
        var forged = LocalAwsClients.withCredentials(
                localAws, AwsSessionCredentials.create(real.accessKeyId(), "forged-secret", real.sessionToken()));

        assertThatThrownBy(() -> forged.sts().getCallerIdentity()).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
        });
    }

    @Test
    void shouldRefuseAWrongSessionToken() {
        Credentials real = assume(OPERATOR, r -> r.roleArn(arn("OperatorRole")).roleSessionName("ops"))
                .credentials();
        var wrongToken = LocalAwsClients.withCredentials(
                localAws, AwsSessionCredentials.create(real.accessKeyId(), real.secretAccessKey(), "not-the-token"));

        assertThatThrownBy(() -> wrongToken.sts().getCallerIdentity())
                .isInstanceOfSatisfying(
                        StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
    }

    @Test
    void shouldRefuseExpiredCredentials() {
        Credentials real = assume(
                        OPERATOR,
                        r -> r.roleArn(arn("OperatorRole"))
                                .roleSessionName("ops")
                                .durationSeconds(900))
                .credentials();
        StsClient session =
                LocalAwsClients.session(localAws, real).withoutRetries().sts();
        assertThat(session.getCallerIdentity().account()).isEqualTo(TARGET);

        CLOCK.advance(Duration.ofSeconds(901));
        try {
            assertThatThrownBy(session::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
            });
        } finally {
            CLOCK.advance(Duration.ofSeconds(-901));
        }
    }

    private static AssumeRoleResponse assume(String account, Consumer<AssumeRoleRequest.Builder> request) {
        return LocalAwsClients.root(localAws, account).sts().assumeRole(request);
    }

    private static void assertDenied(String account, Consumer<AssumeRoleRequest.Builder> request, String message) {
        assertThatThrownBy(() -> assume(account, request)).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }

    private static void assertValidation(Consumer<AssumeRoleRequest.Builder> request, String mentions) {
        assertThatThrownBy(() -> assume(OPERATOR, request)).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            assertThat(e.awsErrorDetails().errorMessage()).contains(mentions);
        });
    }

    private static String arn(String role) {
        return "arn:aws:iam::" + TARGET + ":role/" + role;
    }

    private static String trust(String principal, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"sts:AssumeRole\"" + condition + "}]}";
    }
}
