package dev.ops.proton.localaws.authz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AWS managed policies the product meets, known by ARN with their published statements (test resources under
 * {@code localaws/aws-managed-policies/}). Any other AWS managed policy is unknown here and grants nothing.
 */
public final class AwsManagedPolicies {

    public static final String ARN_PREFIX = "arn:aws:iam::aws:policy/";
    private static final String RESOURCE_DIRECTORY = "/localaws/aws-managed-policies/";
    private static final Map<String, Optional<PolicyDocument>> LOADED = new ConcurrentHashMap<>();

    private AwsManagedPolicies() {}

    public static boolean isAwsManaged(String policyArn) {
        return policyArn.startsWith(ARN_PREFIX);
    }

    /** The policy's document, or empty for an AWS managed policy this endpoint does not know. */
    public static Optional<PolicyDocument> find(String policyArn) {
        if (!isAwsManaged(policyArn)) {
            return Optional.empty();
        }
        return LOADED.computeIfAbsent(policyArn, AwsManagedPolicies::load);
    }

    private static Optional<PolicyDocument> load(String policyArn) {
        String name = policyArn.substring(policyArn.lastIndexOf('/') + 1);
        try (InputStream in = AwsManagedPolicies.class.getResourceAsStream(RESOURCE_DIRECTORY + name + ".json")) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(PolicyDocument.parse(policyArn, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the AWS managed policy " + name, e);
        }
    }
}
