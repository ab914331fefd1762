package dev.ops.proton.account;

import dev.ops.proton.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Reads what an AwsAccount's credentials depend on: the role, the session name and region defaults, and the
 * ExternalId from its Secret in the operator's own namespace (never any other namespace), checked against STS's
 * constraints here so that a malformed value stalls the account with a message naming the Secret, never echoing the
 * value the way STS's validation error would.
 */
@ApplicationScoped
public class AwsAccountSettings {

    static final String DEFAULT_SESSION_NAME = "proton-connection-operator";
    /** STS's constraint on ExternalId (besides 2 to 1224 characters). */
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");

    private final KubernetesClient client;
    private final OperatorConfig config;

    public AwsAccountSettings(KubernetesClient client, OperatorConfig config) {
        this.client = client;
        this.config = config;
    }

    /** A setting that can't be read; its message names the Secret and key, never a value. */
    public static final class SettingsException extends Exception {
        private final String reason;

        SettingsException(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** The region to act in: the AwsAccount's, or the operator's default. Reads nothing. */
    public String regionOf(AwsAccount account) {
        return account.getSpec().region() != null ? account.getSpec().region() : config.defaultRegion();
    }

    public AssumeRoleSettings of(AwsAccount account) throws SettingsException {
        AwsAccountSpec spec = account.getSpec();
        String region = regionOf(account);
        AssumeRole assumeRole = spec.assumeRole();
        if (assumeRole == null) {
            return new AssumeRoleSettings(null, null, null, region);
        }
        String roleAccount = assumeRole.roleArn().split(":").length > 4
                ? assumeRole.roleArn().split(":")[4]
                : "";
        if (!roleAccount.equals(spec.accountId())) {
            throw new SettingsException(
                    "RoleInOtherAccount",
                    "spec.assumeRole.roleArn " + assumeRole.roleArn() + " belongs to account " + roleAccount
                            + ", not spec.accountId " + spec.accountId());
        }
        String externalId = assumeRole.externalId() == null
                ? null
                : externalId(assumeRole.externalId().secretRef());
        String sessionName = assumeRole.sessionName() != null ? assumeRole.sessionName() : DEFAULT_SESSION_NAME;
        return new AssumeRoleSettings(assumeRole.roleArn(), externalId, sessionName, region);
    }

    private String externalId(SecretKeyRef ref) throws SettingsException {
        String namespace = config.operatorNamespace();
        Secret secret =
                client.secrets().inNamespace(namespace).withName(ref.name()).get();
        if (secret == null) {
            throw new SettingsException(
                    "ExternalIdSecretNotFound",
                    "Secret " + namespace + "/" + ref.name() + " holding the ExternalId does not exist");
        }
        String encoded = secret.getData() == null ? null : secret.getData().get(ref.key());
        String plain =
                secret.getStringData() == null ? null : secret.getStringData().get(ref.key());
        if (encoded == null && plain == null) {
            throw new SettingsException(
                    "ExternalIdSecretNotFound", "Secret " + namespace + "/" + ref.name() + " has no key " + ref.key());
        }
        String value =
                plain != null ? plain : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).trim();
        if (value.length() < 2
                || value.length() > 1224
                || !EXTERNAL_ID.matcher(value).matches()) {
            throw new SettingsException(
                    "InvalidExternalId",
                    // nothing of the value, not even its length, goes into status or Events
                    "The ExternalId in Secret " + namespace + "/" + ref.name() + " key " + ref.key()
                            + " is not one AWS STS accepts: it must be 2 to 1224"
                            + " characters of letters, digits and _+=,.@:/-");
        }
        return value;
    }
}
