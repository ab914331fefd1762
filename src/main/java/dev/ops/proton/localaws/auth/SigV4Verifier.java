package dev.ops.proton.localaws.auth;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Checks an AWS Signature Version 4 {@code Authorization} header and tells who signed the request.
 *
 * <p>The signature is recomputed with the AWS SDK's own signer over exactly the headers the client named in
 * {@code SignedHeaders}, at the client's {@code X-Amz-Date}, so no SigV4 crypto is written by hand here.
 */
public final class SigV4Verifier {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Duration ALLOWED_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final CredentialStore credentials;
    private final Clock clock;

    public SigV4Verifier(CredentialStore credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The parsed {@code Authorization} header. */
    public record Authorization(
            String accessKeyId, String date, String region, String service, List<String> signedHeaders,
            String signature) {}

    /** The outcome of a successful check: who called, and the scope the request was signed for. */
    public record Verified(Caller caller, String region, String service) {}

    /** Parses the header without checking it, so a request can be routed by its credential scope. */
    public static Authorization parse(String header) {
        if (header == null || header.isBlank()) {
            throw new AuthFailure.Exception(AuthFailure.MISSING_AUTHENTICATION, null);
        }
        if (!header.startsWith(ALGORITHM + " ")) {
            throw new AuthFailure.Exception(AuthFailure.INCOMPLETE_SIGNATURE, "unsupported algorithm");
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            throw new AuthFailure.Exception(AuthFailure.INCOMPLETE_SIGNATURE, null);
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !"aws4_request".equals(scope[4]) || scope[0].isEmpty()) {
            throw new AuthFailure.Exception(AuthFailure.INCOMPLETE_SIGNATURE, "malformed credential scope");
        }
        return new Authorization(
                scope[0], scope[1], scope[2], scope[3], Arrays.asList(signedHeaders.split(";")), signature);
    }

    /** Verifies the request's signature, session token and expiry, and returns the caller. */
    public Verified verify(SignedRequest request) {
        Authorization authorization = parse(request.header("authorization"));
        Instant signedAt = signedAt(request);
        CredentialStore.KeyLookup lookup = credentials.lookup(authorization.accessKeyId());
        Caller caller;
        if (lookup instanceof CredentialStore.KeyLookup.LongTerm longTerm) {
            requireWithinSkew(signedAt);
            caller = longTerm.caller();
        } else if (lookup instanceof CredentialStore.KeyLookup.Temporary temporary) {
            verifyTemporary(request, authorization, signedAt, temporary.credentials());
            caller = temporary.credentials().caller();
        } else {
            throw new AuthFailure.Exception(AuthFailure.INVALID_TOKEN, null);
        }
        return new Verified(caller, authorization.region(), authorization.service());
    }

    private void requireWithinSkew(Instant signedAt) {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(ALLOWED_SKEW)) || signedAt.isAfter(now.plus(ALLOWED_SKEW))) {
            throw new AuthFailure.Exception(AuthFailure.SIGNATURE_EXPIRED,
                    AMZ_DATE.format(signedAt) + " is outside the allowed skew from " + AMZ_DATE.format(now));
        }
    }

    private void verifyTemporary(SignedRequest request, Authorization authorization, Instant signedAt,
            CredentialStore.TemporaryCredentials issued) {
        String token = request.header("x-amz-security-token");
        if (token == null || !constantTimeEquals(token, issued.sessionToken())) {
            throw new AuthFailure.Exception(AuthFailure.INVALID_TOKEN, null);
        }
        if (!clock.instant().isBefore(issued.expiration())) {
            throw new AuthFailure.Exception(AuthFailure.EXPIRED_TOKEN, null);
        }
        requireWithinSkew(signedAt);
        String expected = expectedSignature(request, authorization, signedAt,
                AwsSessionCredentialsIdentity.create(issued.accessKeyId(), issued.secretAccessKey(), token));
        if (!constantTimeEquals(expected, authorization.signature())) {
            throw new AuthFailure.Exception(AuthFailure.SIGNATURE_MISMATCH, null);
        }
    }

    private String expectedSignature(SignedRequest request, Authorization authorization, Instant signedAt,
            AwsCredentialsIdentity identity) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .uri(uriOf(request));
        for (String name : authorization.signedHeaders()) {
            if (name.equals("host") || name.equals("x-amz-date") || name.equals("x-amz-security-token")) {
                continue; // the signer writes these itself, from the URI, the clock and the identity
            }
            List<String> values = request.headers().get(name);
            if (values != null) {
                unsigned.putHeader(name, values);
            }
        }
        var signed = signer.sign(r -> r.identity(identity)
                .request(unsigned.build())
                .payload(() -> new ByteArrayInputStream(request.body()))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, authorization.service())
                .putProperty(AwsV4HttpSigner.REGION_NAME, authorization.region())
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        String header = signed.request().firstMatchingHeader("Authorization").orElse("");
        int at = header.lastIndexOf("Signature=");
        return at < 0 ? "" : header.substring(at + "Signature=".length());
    }

    private static URI uriOf(SignedRequest request) {
        String host = request.header("host");
        if (host == null) {
            throw new AuthFailure.Exception(AuthFailure.INCOMPLETE_SIGNATURE, "missing Host header");
        }
        String query = request.rawQuery() == null || request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery();
        try {
            return URI.create("http://" + host + request.path() + query);
        } catch (IllegalArgumentException e) {
            throw new AuthFailure.Exception(AuthFailure.SIGNATURE_MISMATCH, null);
        }
    }

    private static Instant signedAt(SignedRequest request) {
        String date = request.header("x-amz-date");
        if (date == null) {
            throw new AuthFailure.Exception(AuthFailure.INCOMPLETE_SIGNATURE, "missing X-Amz-Date header");
        }
        try {
            return Instant.from(AMZ_DATE.parse(URLDecoder.decode(date, StandardCharsets.UTF_8)));
        } catch (DateTimeParseException e) {
            throw new AuthFailure.Exception(AuthFailure.INCOMPLETE_SIGNATURE, "malformed X-Amz-Date header");
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
