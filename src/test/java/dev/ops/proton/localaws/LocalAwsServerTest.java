package dev.ops.proton.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ops.proton.localaws.faults.FaultPlan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** The server's own duties: routing by credential scope, authentication, hostile input, faults, rate limits. */
class LocalAwsServerTest {

    static LocalAws localAws;

    @BeforeAll
    static void start() {
        localAws = LocalAws.startEmbedded();
    }

    @AfterAll
    static void stop() {
        localAws.close();
    }

    @Test
    void shouldActAsTheAccountNamedByTheAccessKeyId() {
        GetCallerIdentityResponse identity =
                LocalAwsClients.root(localAws, "222222222222").sts().getCallerIdentity();

        assertThat(identity.account()).isEqualTo("222222222222");
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::222222222222:root");
    }

    @Test
    void shouldActAsTheDefaultAccountForOtherLongTermKeys() {
        var clients = LocalAwsClients.withCredentials(localAws, AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

        assertThat(clients.sts().getCallerIdentity().account()).isEqualTo("000000000000");
    }

    @Test
    void shouldRefuseTemporaryKeysItNeverIssued() {
        var clients = LocalAwsClients.withCredentials(
                localAws,
                software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create("ASIAFORGED", "s", "token"));

        assertThatThrownBy(() -> clients.sts().getCallerIdentity()).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
        });
    }

    @Test
    void shouldAnswerUnsignedRequestsWithMissingAuthenticationToken() throws Exception {
        HttpResponse<String> response = post("Action=GetCallerIdentity&Version=2011-06-15", "");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>MissingAuthenticationToken</Code>");
    }

    @Test
    void shouldAnswerMalformedAuthorizationWithIncompleteSignature() throws Exception {
        HttpResponse<String> response = post("Action=GetCallerIdentity", "AWS4-HMAC-SHA256 Credential=garbage");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>IncompleteSignature</Code>");
    }

    @Test
    void shouldRefuseHugeBodies() throws Exception {
        HttpResponse<String> response = post("Action=GetCallerIdentity&x=" + "a".repeat(3 * 1024 * 1024), "");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("RequestEntityTooLarge");
    }

    @Test
    void shouldThrottleTheWayAwsDoesWhenFaultsAreInjected() {
        var sts =
                LocalAwsClients.root(localAws, "333333333333").withoutRetries().sts();
        localAws.faults(new FaultPlan(1.0, 0, 0, 0, java.util.Set.of("sts")));
        try {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                assertThat(e.isThrottlingException()).isTrue();
            });
        } finally {
            localAws.faults(FaultPlan.NONE);
        }
    }

    @Test
    void shouldLetTheSdkRetryThrottlingOnItsOwnUnderARateLimit() {
        var sts = LocalAwsClients.root(localAws, "444444444444").sts();
        localAws.rateLimits(java.util.Map.of("sts", 5.0));
        try {
            for (int i = 0; i < 12; i++) {
                assertThat(sts.getCallerIdentity().account()).isEqualTo("444444444444");
            }
            assertThat(localAws.calls()
                            .count(k -> k.account().equals("444444444444")
                                    && k.outcome().equals("Throttling")))
                    .isPositive();
        } finally {
            localAws.rateLimits(java.util.Map.of());
        }
    }

    @Test
    void shouldApplyTheChangeThenDropTheConnectionForLostResponses() {
        var sts =
                LocalAwsClients.root(localAws, "555555555555").withoutRetries().sts();
        localAws.faults(new FaultPlan(0, 0, 1.0, 0, java.util.Set.of("sts")));
        try {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
            assertThat(localAws.calls()
                            .count(k -> k.account().equals("555555555555")
                                    && k.outcome().equals("LostResponse")))
                    .isEqualTo(1);
        } finally {
            localAws.faults(FaultPlan.NONE);
        }
    }

    @Test
    void shouldAnswerInjectedServerErrorsWith500() {
        var sts =
                LocalAwsClients.root(localAws, "666666666666").withoutRetries().sts();
        localAws.faults(FaultPlan.parse("error=1.0,services=sts"));
        try {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(500);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
            });
        } finally {
            localAws.faults(FaultPlan.NONE);
        }
    }

    @Test
    void shouldAnswerMalformedJsonWithSerializationException() throws Exception {
        HttpResponse<String> response = send(
                "proton",
                "AwsProton20200720.ListEnvironmentAccountConnections",
                "application/x-amz-json-1.0",
                "{not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"SerializationException\"");
    }

    @Test
    void shouldAnswerAJsonArrayBodyWithSerializationException() throws Exception {
        HttpResponse<String> response = send(
                "proton", "AwsProton20200720.ListEnvironmentAccountConnections", "application/x-amz-json-1.0", "[1,2]");

        assertThat(response.body()).contains("SerializationException");
    }

    @Test
    void shouldAnswerMalformedFormsWithAnAwsError() throws Exception {
        HttpResponse<String> response = send("sts", null, "application/x-www-form-urlencoded", "Action=%zz");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("<Code>MalformedQueryString</Code>")
                .doesNotContain("Exception");
    }

    @Test
    void shouldAnswerUnknownActionsAndServices() throws Exception {
        assertThat(send("sts", null, "application/x-www-form-urlencoded", "Action=Nope")
                        .body())
                .contains("<Code>InvalidAction</Code>");
        assertThat(send("sts", null, "application/x-www-form-urlencoded", "Version=1")
                        .body())
                .contains("<Code>MissingAction</Code>");
        assertThat(send("s3", null, "application/x-www-form-urlencoded", "Action=ListBuckets")
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("proton", "WrongPrefix.Op", "application/x-amz-json-1.0", "{}")
                        .body())
                .contains("UnknownOperationException");
    }

    /** A request signed for a long-term key (whose signature the endpoint can't check), to send raw bodies. */
    private static HttpResponse<String> send(String service, String target, String contentType, String body)
            throws Exception {
        String date = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(localAws.endpoint() + "/"))
                .header("Content-Type", contentType)
                .header("X-Amz-Date", date)
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=111111111111/" + date.substring(0, 8) + "/us-east-1/" + service
                                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String form, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(localAws.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
