package dev.ops.proton.localaws.auth;

import java.util.List;
import java.util.Map;

/**
 * The parts of an incoming HTTP request that SigV4 covers.
 *
 * @param method HTTP method
 * @param path the raw (still encoded) request path
 * @param rawQuery the raw query string, or null
 * @param headers header values by lower-case name
 * @param body the request body
 */
public record SignedRequest(
        String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    public String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
