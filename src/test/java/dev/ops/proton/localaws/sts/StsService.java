package dev.ops.proton.localaws.sts;

import dev.ops.proton.localaws.AwsException;
import dev.ops.proton.localaws.LocalAwsContext;
import dev.ops.proton.localaws.QueryCall;
import dev.ops.proton.localaws.QueryService;
import dev.ops.proton.localaws.auth.Caller;
import dev.ops.proton.localaws.auth.CredentialStore;
import dev.ops.proton.localaws.authz.RequestContext;
import dev.ops.proton.localaws.iam.IamStore;
import dev.ops.proton.localaws.protocol.QueryParams;
import dev.ops.proton.localaws.protocol.XmlElement;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * STS over the query protocol (2011-06-15): GetCallerIdentity and AssumeRole. AssumeRole enforces the role's trust
 * policy ({@link TrustPolicy}), for {@code sts:TagSession} too when the session gets tags, and issues temporary
 * credentials that the endpoint then really checks; a session's transitive tags pass on to the roles it chains to.
 */
public final class StsService implements QueryService {

    static final String VERSION = "2011-06-15";
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");
    private static final int MAX_CHAINED_SECONDS = 3600;

    private final LocalAwsContext context;

    public StsService(LocalAwsContext context) {
        this.context = context;
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public String xmlNamespace() {
        return "https://sts.amazonaws.com/doc/2011-06-15/";
    }

    @Override
    public List<RequestContext> requiredPermissions(QueryCall call) {
        return StsPermissions.of(call);
    }

    @Override
    public void handle(QueryCall call, XmlElement result) {
        switch (call.action()) {
            case "GetCallerIdentity" ->
                result.text("UserId", call.caller().userId())
                        .text("Account", call.caller().accountId())
                        .text("Arn", call.caller().arn());
            case "AssumeRole" -> assumeRole(call, result);
            default -> throw call.unknownAction(VERSION);
        }
    }

    private void assumeRole(QueryCall call, XmlElement result) {
        QueryParams params = call.params();
        String roleArn = params.required("RoleArn");
        String sessionName = params.required("RoleSessionName");
        String externalId = params.get("ExternalId");
        int requestedDuration = params.optionalInt("DurationSeconds").orElse(3600);
        validateLength("roleArn", roleArn, 20, 2048);
        validateLength("roleSessionName", sessionName, 2, 64);
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw validation("Value '" + sessionName + "' at 'roleSessionName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        if (externalId != null) {
            validateLength("externalId", externalId, 2, 1224);
            if (!EXTERNAL_ID.matcher(externalId).matches()) {
                throw validation("Value '" + externalId + "' at 'externalId' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*");
            }
        }
        if (requestedDuration < 900 || requestedDuration > 43200) {
            throw validation("Value '" + requestedDuration + "' at 'durationSeconds' failed to satisfy constraint: "
                    + "Member must have value "
                    + (requestedDuration < 900 ? "greater than or equal to 900" : "less than or equal to 43200"));
        }
        Caller caller = call.caller();
        boolean tagged = !SessionTags.of(call).isEmpty();
        TrustPolicy.Request trustRequest = new TrustPolicy.Request(caller, externalId);
        IamStore.Role role = context.iam()
                .findRoleByArn(roleArn)
                .filter(r -> TrustPolicy.allows(r.assumeRolePolicyDocument(), trustRequest, "sts:AssumeRole"))
                .orElseThrow(() -> trustDenial(caller, "sts:AssumeRole", roleArn));
        if (tagged && !TrustPolicy.allows(role.assumeRolePolicyDocument(), trustRequest, "sts:TagSession")) {
            throw trustDenial(caller, "sts:TagSession", roleArn);
        }
        int maxDuration =
                caller.isRoot() ? role.maxSessionDuration() : Math.min(role.maxSessionDuration(), MAX_CHAINED_SECONDS);
        if (requestedDuration > maxDuration) {
            throw new AwsException(
                    400,
                    "ValidationError",
                    "The requested DurationSeconds exceeds the "
                            + (caller.isRoot()
                                    ? "MaxSessionDuration set for this role."
                                    : "1 hour session limit for roles assumed by role chaining."));
        }
        CredentialStore.TemporaryCredentials credentials = context.credentials()
                .issue(
                        role.accountId(),
                        role.arn(),
                        role.roleId(),
                        sessionName,
                        requestedDuration,
                        SessionTags.transitive(call));
        result.child("Credentials")
                .text("AccessKeyId", credentials.accessKeyId())
                .text("SecretAccessKey", credentials.secretAccessKey())
                .text("SessionToken", credentials.sessionToken())
                .text(
                        "Expiration",
                        DateTimeFormatter.ISO_INSTANT.format(
                                credentials.expiration().truncatedTo(ChronoUnit.SECONDS)));
        result.child("AssumedRoleUser")
                .text("AssumedRoleId", credentials.caller().userId())
                .text("Arn", credentials.caller().arn());
        params.optional("SourceIdentity").ifPresent(source -> result.text("SourceIdentity", source));
    }

    private static AwsException trustDenial(Caller caller, String action, String roleArn) {
        return new AwsException(
                403,
                "AccessDenied",
                "User: " + caller.arn() + " is not authorized to perform: " + action + " on resource: " + roleArn);
    }

    private static void validateLength(String member, String value, int min, int max) {
        if (value.length() < min || value.length() > max) {
            throw validation("Value '" + value + "' at '" + member + "' failed to satisfy constraint: Member must have "
                    + "length "
                    + (value.length() < min ? "greater than or equal to " + min : "less than or equal to " + max));
        }
    }

    private static AwsException validation(String detail) {
        return new AwsException(400, "ValidationError", "1 validation error detected: " + detail);
    }
}
