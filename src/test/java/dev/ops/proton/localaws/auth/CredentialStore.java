package dev.ops.proton.localaws.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Knows which account an access key acts as, following LocalStack's convention: a 12-digit access key id is that
 * account's root, any other long-term key is the root of {@value #DEFAULT_ACCOUNT}. Long-term keys accept any
 * secret (there is no registry of users), so their signatures can't be checked. Temporary credentials issued by
 * the local STS are real: the secret is known, so signature, session token and expiry are all checked.
 */
public final class CredentialStore {

    public static final String DEFAULT_ACCOUNT = "000000000000";
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final String TEMPORARY_KEY_PREFIX = "ASIA";
    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final Map<String, TemporaryCredentials> temporary = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public CredentialStore(Clock clock) {
        this.clock = clock;
    }

    /** Credentials issued by STS for an assumed-role session. */
    public record TemporaryCredentials(
            String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration, Caller caller) {}

    /** What an access key id resolves to. */
    public sealed interface KeyLookup {
        /** A long-term key: any secret is accepted, the signature can't be verified. */
        record LongTerm(Caller caller) implements KeyLookup {}

        /** A temporary key: the secret and token are known and must match. */
        record Temporary(TemporaryCredentials credentials) implements KeyLookup {}

        /** A temporary-looking key this STS never issued. */
        record Unknown() implements KeyLookup {}
    }

    public KeyLookup lookup(String accessKeyId) {
        if (accessKeyId.startsWith(TEMPORARY_KEY_PREFIX)) {
            TemporaryCredentials credentials = temporary.get(accessKeyId);
            return credentials == null ? new KeyLookup.Unknown() : new KeyLookup.Temporary(credentials);
        }
        String account = ACCOUNT_ID.matcher(accessKeyId).matches() ? accessKeyId : DEFAULT_ACCOUNT;
        return new KeyLookup.LongTerm(Caller.root(account, accessKeyId));
    }

    /** Issues temporary credentials for an assumed-role session that expire after the given duration. */
    public TemporaryCredentials issue(
            String accountId, String roleArn, String roleId, String sessionName, long durationSeconds) {
        return issue(accountId, roleArn, roleId, sessionName, durationSeconds, Map.of());
    }

    /** Issues temporary credentials whose session carries transitive session tags into any role it chains to. */
    public TemporaryCredentials issue(
            String accountId,
            String roleArn,
            String roleId,
            String sessionName,
            long durationSeconds,
            Map<String, String> transitiveTags) {
        String accessKeyId = TEMPORARY_KEY_PREFIX + randomKey(16);
        String secret = randomBase64(30);
        String token = randomBase64(96);
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        Caller caller = new Caller(
                accountId,
                "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName,
                roleId + ":" + sessionName,
                accessKeyId,
                roleArn,
                transitiveTags);
        TemporaryCredentials credentials = new TemporaryCredentials(
                accessKeyId, secret, token, clock.instant().plusSeconds(durationSeconds), caller);
        temporary.put(accessKeyId, credentials);
        evictExpired();
        return credentials;
    }

    private void evictExpired() {
        Instant now = clock.instant();
        temporary.values().removeIf(c -> c.expiration().isBefore(now.minusSeconds(3600)));
    }

    private String randomKey(int length) {
        StringBuilder key = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            key.append(KEY_ALPHABET[random.nextInt(KEY_ALPHABET.length)]);
        }
        return key.toString().toUpperCase(Locale.ROOT);
    }

    private String randomBase64(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getEncoder().encodeToString(buffer);
    }
}
