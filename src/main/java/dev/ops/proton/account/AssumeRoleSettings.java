package dev.ops.proton.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * How the operator reaches one account: the role to assume (null: the operator's own identity), the ExternalId read
 * from the referenced Secret, the session name and the region of the STS endpoint. {@link #toString()} never shows
 * the ExternalId.
 */
public record AssumeRoleSettings(String roleArn, String externalId, String sessionName, String region) {

    public boolean assumesRole() {
        return roleArn != null;
    }

    /** Identifies these settings without holding the ExternalId in clear text. */
    public String fingerprint() {
        return roleArn + "|" + sessionName + "|" + region + "|" + sha256(externalId);
    }

    @Override
    public String toString() {
        return "AssumeRoleSettings[roleArn=" + roleArn + ", externalId=" + (externalId == null ? "none" : "***")
                + ", sessionName=" + sessionName + ", region=" + region + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AssumeRoleSettings that && fingerprint().equals(that.fingerprint());
    }

    @Override
    public int hashCode() {
        return Objects.hash(fingerprint());
    }

    private static String sha256(String value) {
        if (value == null) {
            return "none";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
