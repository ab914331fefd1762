package dev.ops.proton.roles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A stable fingerprint of what a ConnectionRoles resource asks CloudFormation for: template body, parameters,
 * capabilities and tags, independent of map and set order. Remembering the hash of the last applied state lets the
 * reconciler skip every AWS write when the spec did not change (Keycloak's no-op economy), and it names change
 * sets and client tokens. Changing this function makes every stack compute one (empty) change set, so the exact
 * output is pinned by a test.
 */
public final class DesiredStackHash {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HASH_BYTES = 16;

    private DesiredStackHash() {}

    /**
     * 32 lowercase hex characters: the first 128 bits of SHA-256 over the compact JSON
     * {@code {"template":...,"parameters":{...},"capabilities":[...],"tags":{...}}} with keys and capabilities sorted.
     */
    public static String of(
            String templateBody, Map<String, String> parameters, Set<String> capabilities, Map<String, String> tags) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("template", templateBody);
        canonical.put("parameters", new TreeMap<>(parameters));
        canonical.put("capabilities", new TreeSet<>(capabilities));
        canonical.put("tags", new TreeMap<>(tags));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(canonical));
            return HexFormat.of().formatHex(digest, 0, HASH_BYTES);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
