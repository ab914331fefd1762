package dev.ops.proton.localaws.authz;

import java.util.Locale;

/**
 * IAM's wildcard matching: {@code *} is any run of characters (including none), {@code ?} exactly one. Actions match
 * case-insensitively; ARNs match component by component (partition, service, region, account, resource), so a
 * wildcard never spans the colons between the first five components, as the IAM User Guide describes for the Resource
 * element and the Arn condition operators.
 */
public final class IamPattern {

    private IamPattern() {}

    /** An action pattern such as {@code proton:List*} against an action such as {@code proton:ListEnvironments}. */
    public static boolean actionMatches(String pattern, String action) {
        return wildcardMatches(pattern.toLowerCase(Locale.ROOT), action.toLowerCase(Locale.ROOT));
    }

    /**
     * An ARN pattern against a resource ARN (or the request resource {@code *} of actions without a resource type).
     * The pattern {@code *} matches everything; otherwise both split into six components and each must match (a
     * pattern or value of fewer components matches nothing).
     */
    public static boolean arnMatches(String pattern, String arn) {
        if ("*".equals(pattern)) {
            return true;
        }
        String[] patternParts = pattern.split(":", 6);
        String[] arnParts = arn.split(":", 6);
        if (patternParts.length != 6 || arnParts.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!wildcardMatches(patternParts[i], arnParts[i])) {
                return false;
            }
        }
        return true;
    }

    /** Case-sensitive wildcard match of a whole string (StringLike). */
    public static boolean wildcardMatches(String pattern, String value) {
        int p = 0;
        int v = 0;
        int star = -1;
        int starValue = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                starValue = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++starValue;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
