package dev.ops.proton.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Hostile and malformed requests to the local AWS endpoint, as a table: forged or stale authentication, requests it
 * can't route, bodies it can't parse, and parameter values outside the constraints of the botocore service models.
 * The endpoint stands in for AWS in front of the operator, the sandbox and the AWS CLI, so each must get the error
 * AWS gives (HTTP status and error code in the protocol's own shape: {@code <ErrorResponse><Error><Code>} for the
 * query services, {@code __type} for Proton's JSON), and never a 500, a hang or a stack trace.
 *
 * <p>Requests are sent raw with {@link HttpClient}. A long-term key's secret is not checked (LocalStack's
 * convention), so those requests carry a placeholder signature; the signature cases use temporary credentials issued
 * by the endpoint's own STS and signed with the AWS SDK's SigV4 signer.
 */
class HostileRequestTest {

    private static final String ACCOUNT = "930000000001";
    private static final String ROLE = "HostileRequestCaller";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON_TYPE = "application/x-amz-json-1.0";
    private static final String PROTON = "AwsProton20200720.";
    private static final String ROLE_ARN = "arn:aws:iam::222222222222:role/ProtonRole";
    /** A template CloudFormation accepts (it needs CAPABILITY_IAM), so each case fails only for what it names. */
    private static final String TEMPLATE = encode("""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement: [{Effect: Allow, Principal: {AWS: !Ref AWS::AccountId}, Action: sts:AssumeRole}]
            """);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final MovableClock CLOCK = new MovableClock();
    private static LocalAws localAws;
    private static Credentials session;

    /** The system clock, moved forward on demand to let issued credentials expire. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    /** One hostile request and the AWS error it must get. */
    record Hostile(String name, Supplier<HttpRequest> request, int status, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        localAws = LocalAws.start(LocalAwsConfig.embedded().withClock(CLOCK));
        LocalAwsClients root = LocalAwsClients.root(localAws, ACCOUNT);
        root.iam().createRole(r -> r.roleName(ROLE).assumeRolePolicyDocument("""
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                         "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}
                        """.formatted(ACCOUNT)));
        session = root.sts()
                .assumeRole(r ->
                        r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/" + ROLE).roleSessionName("hostile"))
                .credentials();
    }

    @AfterAll
    static void stop() {
        localAws.close();
    }

    static Stream<Hostile> authentication() {
        String identity = "Action=GetCallerIdentity&Version=2011-06-15";
        return Stream.of(
                new Hostile("unsigned", () -> unsigned(identity), 403, "MissingAuthenticationToken"),
                new Hostile(
                        "unsigned JSON",
                        () -> HttpRequest.newBuilder(endpoint("/"))
                                .header("Content-Type", JSON_TYPE)
                                .header("X-Amz-Target", PROTON + "ListEnvironmentAccountConnections")
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        403,
                        "MissingAuthenticationTokenException"),
                new Hostile(
                        "authorization without credential scope",
                        () -> withAuthorization(identity, "AWS4-HMAC-SHA256 Credential=garbage"),
                        400,
                        "IncompleteSignature"),
                new Hostile(
                        "another signature algorithm",
                        () -> withAuthorization(identity, "AWS AKIDEXAMPLE:c2lnbmF0dXJl"),
                        400,
                        "IncompleteSignature"),
                new Hostile(
                        "no X-Amz-Date",
                        () -> HttpRequest.newBuilder(endpoint("/"))
                                .header("Content-Type", FORM)
                                .header(
                                        "Authorization",
                                        "AWS4-HMAC-SHA256 Credential=111111111111/20260101/us-east-1/sts/aws4_request,"
                                                + " SignedHeaders=host, Signature=00")
                                .POST(HttpRequest.BodyPublishers.ofString(identity))
                                .build(),
                        400,
                        "IncompleteSignature"),
                new Hostile(
                        "signed a day ago",
                        () -> longTerm(
                                "sts", null, FORM, identity, Instant.now().minus(Duration.ofDays(1))),
                        403,
                        "SignatureDoesNotMatch"),
                new Hostile(
                        "bad signature",
                        () -> temporary(
                                "sts",
                                null,
                                identity,
                                identity,
                                h -> h.replaceAll("Signature=[0-9a-f]{64}", "Signature=" + "0".repeat(64))),
                        403,
                        "SignatureDoesNotMatch"),
                new Hostile(
                        "signature of another body",
                        () -> temporary(
                                "sts",
                                null,
                                identity,
                                "Action=AssumeRole&Version=2011-06-15&RoleSessionName=smuggled&RoleArn=arn:aws:iam::"
                                        + ACCOUNT + ":role/" + ROLE,
                                UnaryOperator.identity()),
                        403,
                        "SignatureDoesNotMatch"),
                new Hostile(
                        "payload hash header of another body",
                        () -> temporary(
                                session,
                                "sts",
                                null,
                                identity,
                                "Action=AssumeRole&Version=2011-06-15&RoleSessionName=smuggled&RoleArn=arn:aws:iam::"
                                        + ACCOUNT + ":role/" + ROLE,
                                UnaryOperator.identity(),
                                true),
                        403,
                        "SignatureDoesNotMatch"),
                new Hostile(
                        "JSON signature of another body",
                        () -> temporary(
                                "proton",
                                "ListEnvironmentAccountConnections",
                                "{\"requestedBy\":\"ENVIRONMENT_ACCOUNT\"}",
                                "{\"requestedBy\":\"MANAGEMENT_ACCOUNT\"}",
                                UnaryOperator.identity()),
                        403,
                        "InvalidSignatureException"),
                new Hostile(
                        "signature for another service",
                        () -> temporary(
                                "sts",
                                null,
                                identity,
                                identity,
                                h -> h.replace("/sts/aws4_request", "/iam/aws4_request")),
                        403,
                        "SignatureDoesNotMatch"),
                new Hostile(
                        "unknown session token",
                        () -> withSessionToken(identity, "forged-token"),
                        403,
                        "InvalidClientTokenId"),
                new Hostile(
                        "session token missing", () -> withSessionToken(identity, null), 403, "InvalidClientTokenId"),
                new Hostile(
                        "temporary key never issued",
                        () -> longTermWithKey("ASIAFORGEDKEY", "sts", identity),
                        403,
                        "InvalidClientTokenId"));
    }

    static Stream<Hostile> routing() {
        return Stream.of(
                new Hostile(
                        "unknown query service",
                        () -> longTerm("s3", null, FORM, "Action=ListBuckets", null),
                        400,
                        "InvalidAction"),
                new Hostile(
                        "unknown action",
                        () -> longTerm("sts", null, FORM, "Action=DecodeAuthorizationMessage", null),
                        400,
                        "InvalidAction"),
                new Hostile(
                        "no action",
                        () -> longTerm("iam", null, FORM, "Version=2010-05-08", null),
                        400,
                        "MissingAction"),
                new Hostile(
                        "unknown Proton operation",
                        () -> longTerm("proton", PROTON + "CreateService", JSON_TYPE, "{}", null),
                        400,
                        "UnknownOperationException"),
                new Hostile(
                        "another service's target prefix",
                        () -> longTerm("proton", "AWSCloudFormation.DescribeStacks", JSON_TYPE, "{}", null),
                        400,
                        "UnknownOperationException"),
                new Hostile(
                        "JSON target signed for a query service",
                        () -> longTerm("sts", PROTON + "ListEnvironments", JSON_TYPE, "{}", null),
                        400,
                        "UnknownOperationException"),
                new Hostile(
                        "path traversal",
                        () -> longTermAt("/../../etc/passwd", "sts", null, FORM, "Action=GetCallerIdentity"),
                        404,
                        "InvalidAction"),
                new Hostile(
                        "encoded path traversal on Proton",
                        () -> longTermAt(
                                "/%2e%2e/%2e%2e/etc/passwd", "proton", PROTON + "ListEnvironments", JSON_TYPE, "{}"),
                        404,
                        "UnknownOperationException"),
                new Hostile(
                        "GET on Proton",
                        () -> withMethod("GET", longTerm("proton", PROTON + "ListEnvironments", JSON_TYPE, "", null)),
                        404,
                        "UnknownOperationException"),
                new Hostile(
                        "DELETE on a query service",
                        () -> withMethod("DELETE", longTerm("iam", null, FORM, "", null)),
                        404,
                        "InvalidAction"));
    }

    static Stream<Hostile> malformedBodies() {
        return Stream.of(
                new Hostile(
                        "broken percent-encoding",
                        () -> longTerm("sts", null, FORM, "Action=%zz", null),
                        400,
                        "MalformedQueryString"),
                new Hostile(
                        "XML body to a query service",
                        () -> longTerm(
                                "cloudformation",
                                null,
                                "text/xml",
                                "<DescribeStacks><StackName>x</StackName></DescribeStacks>",
                                null),
                        400,
                        "MissingAction"),
                new Hostile(
                        "JSON body to a query service",
                        () -> longTerm("sts", null, "application/json", "{\"Action\":\"GetCallerIdentity\"}", null),
                        400,
                        "MissingAction"),
                new Hostile(
                        "malformed JSON",
                        () -> longTerm("proton", PROTON + "ListEnvironments", JSON_TYPE, "{\"maxResults\":", null),
                        400,
                        "SerializationException"),
                new Hostile(
                        "JSON array",
                        () -> longTerm("proton", PROTON + "ListEnvironments", JSON_TYPE, "[]", null),
                        400,
                        "SerializationException"),
                new Hostile(
                        "form body to Proton",
                        () -> longTerm(
                                "proton",
                                PROTON + "ListEnvironmentAccountConnections",
                                FORM,
                                "requestedBy=ENVIRONMENT_ACCOUNT",
                                null),
                        400,
                        "SerializationException"),
                new Hostile(
                        "oversize query body",
                        () -> longTerm("sts", null, FORM, "Action=GetCallerIdentity&x=" + "a".repeat(3 << 20), null),
                        413,
                        "RequestEntityTooLarge"),
                new Hostile(
                        "oversize JSON body",
                        () -> longTerm(
                                "proton",
                                PROTON + "ListEnvironments",
                                JSON_TYPE,
                                "{\"nextToken\":\"" + "a".repeat(3 << 20) + "\"}",
                                null),
                        413,
                        "RequestEntityTooLargeException"));
    }

    static Stream<Hostile> invalidParameters() {
        return Stream.of(
                proton(
                        "environmentName with a leading dash",
                        "CreateEnvironmentAccountConnection",
                        Map.of("environmentName", "-env", "managementAccountId", "111111111111")),
                proton(
                        "environmentName of 101 characters",
                        "CreateEnvironmentAccountConnection",
                        Map.of("environmentName", "e".repeat(101), "managementAccountId", "111111111111")),
                proton(
                        "management account id of 11 digits",
                        "CreateEnvironmentAccountConnection",
                        Map.of("environmentName", "env", "managementAccountId", "11111111111")),
                proton(
                        "role ARN of a user",
                        "CreateEnvironmentAccountConnection",
                        Map.of(
                                "environmentName",
                                "env",
                                "managementAccountId",
                                "111111111111",
                                "roleArn",
                                "arn:aws:iam::222222222222:user/admin")),
                proton(
                        "component role ARN in a short account",
                        "CreateEnvironmentAccountConnection",
                        Map.of(
                                "environmentName",
                                "env",
                                "managementAccountId",
                                "111111111111",
                                "componentRoleArn",
                                "arn:aws:iam::2222:role/R")),
                proton(
                        "client token of 65 characters",
                        "CreateEnvironmentAccountConnection",
                        Map.of(
                                "environmentName",
                                "env",
                                "managementAccountId",
                                "111111111111",
                                "roleArn",
                                ROLE_ARN,
                                "clientToken",
                                "t".repeat(65))),
                proton(
                        "client token with a space",
                        "CreateEnvironmentAccountConnection",
                        Map.of(
                                "environmentName",
                                "env",
                                "managementAccountId",
                                "111111111111",
                                "clientToken",
                                "two words")),
                proton(
                        "51 tags",
                        "CreateEnvironmentAccountConnection",
                        Map.of(
                                "environmentName",
                                "env",
                                "managementAccountId",
                                "111111111111",
                                "tags",
                                IntStream.range(0, 51)
                                        .mapToObj(i -> Map.of("key", "k" + i, "value", "v"))
                                        .toList())),
                proton(
                        "tag key of 129 characters",
                        "CreateEnvironmentAccountConnection",
                        Map.of(
                                "environmentName",
                                "env",
                                "managementAccountId",
                                "111111111111",
                                "tags",
                                List.of(Map.of("key", "k".repeat(129), "value", "v")))),
                proton(
                        "missing environmentName",
                        "CreateEnvironmentAccountConnection",
                        Map.of("managementAccountId", "111111111111")),
                proton(
                        "maxResults 0",
                        "ListEnvironmentAccountConnections",
                        Map.of("requestedBy", "ENVIRONMENT_ACCOUNT", "maxResults", 0)),
                proton(
                        "maxResults 101",
                        "ListEnvironmentAccountConnections",
                        Map.of("requestedBy", "ENVIRONMENT_ACCOUNT", "maxResults", 101)),
                proton(
                        "requestedBy outside its enum",
                        "ListEnvironmentAccountConnections",
                        Map.of("requestedBy", "ANYONE")),
                proton(
                        "unknown status filter",
                        "ListEnvironmentAccountConnections",
                        Map.of("requestedBy", "ENVIRONMENT_ACCOUNT", "statuses", List.of("DELETED"))),
                proton(
                        "forged nextToken",
                        "ListEnvironmentAccountConnections",
                        Map.of("requestedBy", "ENVIRONMENT_ACCOUNT", "nextToken", "not base64!")),
                proton("connection id not a UUID", "GetEnvironmentAccountConnection", Map.of("id", "../../etc/passwd")),
                proton(
                        "nextToken before the first page",
                        "ListEnvironmentAccountConnections",
                        Map.of(
                                "requestedBy",
                                "ENVIRONMENT_ACCOUNT",
                                "nextToken",
                                java.util.Base64.getEncoder().encodeToString("-5".getBytes(StandardCharsets.UTF_8)))),
                query(
                        "RoleSessionName with a space",
                        "sts",
                        "AssumeRole",
                        "RoleArn=arn:aws:iam::" + ACCOUNT + ":role/" + ROLE + "&RoleSessionName=two words"),
                query(
                        "RoleSessionName of one character",
                        "sts",
                        "AssumeRole",
                        "RoleArn=arn:aws:iam::" + ACCOUNT + ":role/" + ROLE + "&RoleSessionName=a"),
                query(
                        "DurationSeconds 899",
                        "sts",
                        "AssumeRole",
                        "RoleArn=arn:aws:iam::" + ACCOUNT + ":role/" + ROLE
                                + "&RoleSessionName=ss&DurationSeconds=899"),
                query(
                        "DurationSeconds 43201",
                        "sts",
                        "AssumeRole",
                        "RoleArn=arn:aws:iam::" + ACCOUNT + ":role/" + ROLE
                                + "&RoleSessionName=ss&DurationSeconds=43201"),
                query(
                        "DurationSeconds not a number",
                        "sts",
                        "AssumeRole",
                        "RoleArn=arn:aws:iam::" + ACCOUNT + ":role/" + ROLE
                                + "&RoleSessionName=ss&DurationSeconds=forever"),
                query(
                        "ExternalId of one character",
                        "sts",
                        "AssumeRole",
                        "RoleArn=arn:aws:iam::" + ACCOUNT + ":role/" + ROLE + "&RoleSessionName=ss&ExternalId=x"),
                query(
                        "ExternalId with a space",
                        "sts",
                        "AssumeRole",
                        "RoleArn=arn:aws:iam::" + ACCOUNT + ":role/" + ROLE
                                + "&RoleSessionName=ss&ExternalId=two words"),
                query("RoleArn too short", "sts", "AssumeRole", "RoleArn=arn:aws:iam::1&RoleSessionName=ss"),
                query("RoleArn missing", "sts", "AssumeRole", "RoleSessionName=ss"),
                query(
                        "stack name starting with a digit",
                        "cloudformation",
                        "CreateStack",
                        "StackName=1stack&Capabilities.member.1=CAPABILITY_IAM&TemplateBody=" + TEMPLATE),
                query(
                        "stack name of 129 characters",
                        "cloudformation",
                        "CreateStack",
                        "StackName=" + "s".repeat(129) + "&Capabilities.member.1=CAPABILITY_IAM&TemplateBody="
                                + TEMPLATE),
                query(
                        "template body not YAML",
                        "cloudformation",
                        "CreateStack",
                        "StackName=broken&TemplateBody=" + encode("Resources: [unclosed")),
                query(
                        "template body over 51,200 bytes",
                        "cloudformation",
                        "CreateStack",
                        "StackName=huge&Capabilities.member.1=CAPABILITY_IAM&TemplateBody=" + TEMPLATE
                                + encode("#" + "x".repeat(51_200))),
                query("template body empty", "cloudformation", "CreateStack", "StackName=empty&TemplateBody="),
                query(
                        "unknown capability",
                        "cloudformation",
                        "CreateStack",
                        "StackName=caps&TemplateBody=" + encode("Resources: {}")
                                + "&Capabilities.member.1=CAPABILITY_ALL"),
                query(
                        "change set name with an underscore",
                        "cloudformation",
                        "CreateChangeSet",
                        "StackName=cs&ChangeSetName=bad_name&ChangeSetType=CREATE&Capabilities.member.1=CAPABILITY_IAM"
                                + "&TemplateBody=" + TEMPLATE),
                query("role name with a space", "iam", "GetRole", "RoleName=two words"),
                query("MaxItems 0", "iam", "ListRoles", "MaxItems=0"),
                query("MaxItems 1001", "iam", "ListRoles", "MaxItems=1001"),
                query(
                        "role path without slashes",
                        "iam",
                        "CreateRole",
                        "RoleName=pathless&Path=nopath&AssumeRolePolicyDocument="
                                + encode(
                                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                                + "\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"sts:AssumeRole\"}]}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"authentication", "routing", "malformedBodies", "invalidParameters"})
    void shouldAnswerWithTheAwsErrorAndNeverAServerError(Hostile hostile) throws Exception {
        HttpResponse<String> response = HTTP.send(hostile.request().get(), HttpResponse.BodyHandlers.ofString());

        assertAwsError(response, hostile.status(), hostile.code());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authentication")
    void shouldCountRefusedAuthenticationAsUnauthenticated(Hostile hostile) throws Exception {
        long before = localAws.calls()
                .count(k -> k.account().equals(ACCOUNT) && k.outcome().equals("ok"));

        HTTP.send(hostile.request().get(), HttpResponse.BodyHandlers.ofString());

        assertThat(localAws.calls()
                        .count(k -> k.account().equals(ACCOUNT) && k.outcome().equals("ok")))
                .as("nothing ran as the session's account")
                .isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void shouldRefuseASessionTokenOnceItExpired() throws Exception {
        Credentials shortLived = LocalAwsClients.root(localAws, ACCOUNT)
                .sts()
                .assumeRole(r -> r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/" + ROLE)
                        .roleSessionName("short")
                        .durationSeconds(900))
                .credentials();
        HttpRequest request = temporary(
                shortLived,
                "sts",
                null,
                "Action=GetCallerIdentity&Version=2011-06-15",
                null,
                UnaryOperator.identity(),
                false);
        CLOCK.offset = Duration.ofSeconds(901);
        try {
            assertAwsError(HTTP.send(request, HttpResponse.BodyHandlers.ofString()), 403, "ExpiredToken");
        } finally {
            CLOCK.offset = Duration.ZERO;
        }
    }

    @org.junit.jupiter.api.Test
    void shouldRefuseHugeHeadersWithoutAServerError() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint("/"))
                .header("Content-Type", FORM)
                .header("X-Padding", "p".repeat(64 * 1024))
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity"))
                .timeout(Duration.ofSeconds(10))
                .build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isIn(400, 431);
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }

    @org.junit.jupiter.api.Test
    void shouldStillServeAValidRequestAfterTheHostileOnes() {
        assertThat(LocalAwsClients.root(localAws, ACCOUNT)
                        .sts()
                        .getCallerIdentity()
                        .account())
                .isEqualTo(ACCOUNT);
    }

    // ---- assertions --------------------------------------------------------------------------------------

    private static void assertAwsError(HttpResponse<String> response, int status, String code) throws Exception {
        String body = response.body();
        assertThat(body).as("no stack trace").doesNotContain("\tat ", "java.", "dev.ops.");
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (contentType.startsWith(JSON_TYPE)) {
            JsonNode error = JSON.readTree(body);
            assertThat(error.path("__type").asText()).as(body).isEqualTo(code);
            assertThat(error.path("message").asText()).as(body).isNotBlank();
        } else {
            assertThat(contentType).isEqualTo("text/xml");
            Document document = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            Element root = document.getDocumentElement();
            assertThat(root.getTagName()).as(body).isEqualTo("ErrorResponse");
            Element error = (Element) root.getElementsByTagName("Error").item(0);
            assertThat(error.getParentNode())
                    .as("Error is a direct child of ErrorResponse")
                    .isSameAs(root);
            assertThat(error.getElementsByTagName("Code").item(0).getTextContent())
                    .as(body)
                    .isEqualTo(code);
            assertThat(error.getElementsByTagName("Message").item(0).getTextContent())
                    .as(body)
                    .isNotBlank();
        }
    }

    // ---- requests ----------------------------------------------------------------------------------------

    private static Hostile proton(String name, String operation, Map<String, ?> input) {
        return new Hostile(
                name,
                () -> {
                    try {
                        return longTerm("proton", PROTON + operation, JSON_TYPE, JSON.writeValueAsString(input), null);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                },
                400,
                "ValidationException");
    }

    private static Hostile query(String name, String service, String action, String form) {
        String version = switch (service) {
            case "sts" -> "2011-06-15";
            case "iam" -> "2010-05-08";
            default -> "2010-05-15";
        };
        String encoded = Stream.of(form.split("&"))
                .map(pair -> pair.contains(" ") ? pair.replace(" ", "%20") : pair)
                .collect(Collectors.joining("&"));
        return new Hostile(
                name,
                () -> longTerm(service, null, FORM, "Action=" + action + "&Version=" + version + "&" + encoded, null),
                400,
                "ValidationError");
    }

    private static String sha256Hex(String body) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static URI endpoint(String path) {
        return URI.create(localAws.endpoint() + path);
    }

    private static HttpRequest unsigned(String form) {
        return HttpRequest.newBuilder(endpoint("/"))
                .header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
    }

    private static HttpRequest withAuthorization(String form, String authorization) {
        return HttpRequest.newBuilder(endpoint("/"))
                .header("Content-Type", FORM)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
    }

    private static HttpRequest withMethod(String method, HttpRequest request) {
        HttpRequest.Builder copy =
                HttpRequest.newBuilder(request.uri()).method(method, HttpRequest.BodyPublishers.noBody());
        request.headers().map().forEach((name, values) -> values.forEach(v -> copy.header(name, v)));
        return copy.build();
    }

    /** Signed for a long-term key of account 111111111111; the endpoint checks the scope and date, not the secret. */
    private static HttpRequest longTerm(String service, String target, String contentType, String body, Instant at) {
        return longTermRequest("/", "111111111111", service, target, contentType, body, at);
    }

    private static HttpRequest longTermAt(String path, String service, String target, String contentType, String body) {
        return longTermRequest(path, "111111111111", service, target, contentType, body, null);
    }

    private static HttpRequest longTermWithKey(String accessKeyId, String service, String body) {
        return longTermRequest("/", accessKeyId, service, null, FORM, body, null);
    }

    private static HttpRequest longTermRequest(
            String path,
            String accessKeyId,
            String service,
            String target,
            String contentType,
            String body,
            Instant at) {
        String date = AMZ_DATE.format(at == null ? Instant.now() : at);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint(path))
                .header("Content-Type", contentType)
                .header("X-Amz-Date", date)
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + date.substring(0, 8) + "/us-east-1/"
                                + service + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return request.build();
    }

    private static HttpRequest withSessionToken(String body, String token) {
        HttpRequest signed = temporary("sts", null, body, body, UnaryOperator.identity());
        HttpRequest.Builder copy = HttpRequest.newBuilder(signed.uri()).POST(HttpRequest.BodyPublishers.ofString(body));
        signed.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("x-amz-security-token")) {
                values.forEach(v -> copy.header(name, v));
            }
        });
        if (token != null) {
            copy.header("X-Amz-Security-Token", token);
        }
        return copy.build();
    }

    private static HttpRequest temporary(
            String service, String operation, String signedBody, String sentBody, UnaryOperator<String> authorization) {
        return temporary(session, service, operation, signedBody, sentBody, authorization, false);
    }

    /**
     * Signs {@code signedBody} with the SDK's SigV4 signer for the temporary credentials, then sends
     * {@code sentBody} (the same unless a case swaps it) with the Authorization header as {@code authorization}
     * rewrites it; with {@code payloadHashHeader}, also claims the signed body's hash in {@code
     * x-amz-content-sha256}.
     */
    private static HttpRequest temporary(
            Credentials credentials,
            String service,
            String operation,
            String signedBody,
            String sentBody,
            UnaryOperator<String> authorization,
            boolean payloadHashHeader) {
        boolean json = operation != null;
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint("/"))
                .putHeader("Content-Type", json ? JSON_TYPE : FORM)
                .applyMutation(b -> {
                    if (json) {
                        b.putHeader("X-Amz-Target", PROTON + operation);
                    }
                    if (payloadHashHeader) {
                        b.putHeader("x-amz-content-sha256", sha256Hex(signedBody));
                    }
                })
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsSessionCredentialsIdentity.create(
                                credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()))
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromUtf8String(signedBody))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
                .request();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint("/"))
                .POST(HttpRequest.BodyPublishers.ofString(sentBody == null ? signedBody : sentBody));
        Set<String> restricted = Set.of("host", "content-length", "connection", "expect", "upgrade");
        signed.headers().forEach((name, values) -> {
            if (restricted.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                return;
            }
            List<String> copies = new ArrayList<>(values);
            if (name.equalsIgnoreCase("Authorization")) {
                copies.replaceAll(authorization);
            }
            copies.forEach(v -> request.header(name, v));
        });
        return request.build();
    }
}
