package dev.ops.proton.localaws.auth;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 {@code Authorization} header and tells who signed the request.
 *
 * <p>The canonical request is rebuilt here, over exactly the headers the client named in {@code SignedHeaders}, at
 * the client's {@code X-Amz-Date}, and over the hash of the payload actually received (a client's
 * {@code x-amz-content-sha256} must equal it, so a signature can't be replayed with another body); the crypto is the
 * JDK's SHA-256 and HMAC. Written by hand because the SDK's
 * {@code AwsV4HttpSigner} always adds and signs {@code x-amz-content-sha256}, which botocore (the AWS CLI) does not
 * send, so re-signing with it can't reproduce a CLI signature. Tests check it against both clients.
 */
public final class SigV4Verifier {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Duration ALLOWED_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final CredentialStore credentials;
    private final Clock clock;

    public SigV4Verifier(CredentialStore credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The parsed {@code Authorization} header. */
    public record Authorization(
            String accessKeyId,
            String date,
            String region,
            String service,
            List<String> signedHeaders,
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
            throw new AuthFailure.Exception(
                    AuthFailure.SIGNATURE_EXPIRED,
                    AMZ_DATE.format(signedAt) + " is outside the allowed skew from " + AMZ_DATE.format(now));
        }
    }

    private void verifyTemporary(
            SignedRequest request,
            Authorization authorization,
            Instant signedAt,
            CredentialStore.TemporaryCredentials issued) {
        String token = request.header("x-amz-security-token");
        if (token == null || !constantTimeEquals(token, issued.sessionToken())) {
            throw new AuthFailure.Exception(AuthFailure.INVALID_TOKEN, null);
        }
        if (!clock.instant().isBefore(issued.expiration())) {
            throw new AuthFailure.Exception(AuthFailure.EXPIRED_TOKEN, null);
        }
        requireWithinSkew(signedAt);
        String claimedPayloadHash = request.header("x-amz-content-sha256");
        if (claimedPayloadHash != null && !claimedPayloadHash.equals(hex(sha256(request.body())))) {
            throw new AuthFailure.Exception(
                    AuthFailure.SIGNATURE_MISMATCH, "x-amz-content-sha256 is not the hash of the payload sent");
        }
        String expected = expectedSignature(request, authorization, signedAt, issued.secretAccessKey());
        if (!constantTimeEquals(expected, authorization.signature())) {
            throw new AuthFailure.Exception(AuthFailure.SIGNATURE_MISMATCH, null);
        }
    }

    private static String expectedSignature(
            SignedRequest request, Authorization authorization, Instant signedAt, String secretAccessKey) {
        String amzDate = AMZ_DATE.format(signedAt);
        String scope =
                authorization.date() + "/" + authorization.region() + "/" + authorization.service() + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest(request, authorization).getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), authorization.date());
        key = hmac(key, authorization.region());
        key = hmac(key, authorization.service());
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    /** The SigV4 canonical request over exactly the headers the client named in SignedHeaders. */
    static String canonicalRequest(SignedRequest request, Authorization authorization) {
        StringBuilder canonical = new StringBuilder()
                .append(request.method())
                .append('\n')
                .append(request.path() == null || request.path().isEmpty() ? "/" : request.path())
                .append('\n')
                .append(canonicalQuery(request.rawQuery()))
                .append('\n');
        for (String name : authorization.signedHeaders()) {
            List<String> values = request.headers().getOrDefault(name, List.of());
            canonical
                    .append(name)
                    .append(':')
                    .append(String.join(
                            ",",
                            values.stream()
                                    .map(v -> v.trim().replaceAll(" +", " "))
                                    .toList()))
                    .append('\n');
        }
        return canonical
                .append('\n')
                .append(String.join(";", authorization.signedHeaders()))
                .append('\n')
                .append(hex(sha256(request.body())))
                .toString();
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            pairs.add(new String[] {uriEncode(key), uriEncode(value)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        return String.join("&", pairs.stream().map(p -> p[0] + "=" + p[1]).toList());
    }

    private static String uriEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
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
