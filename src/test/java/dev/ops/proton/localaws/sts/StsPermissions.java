package dev.ops.proton.localaws.sts;

import dev.ops.proton.localaws.QueryCall;
import dev.ops.proton.localaws.authz.RequestContext;
import dev.ops.proton.localaws.authz.TagKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * STS's authorizations: GetCallerIdentity needs none (AWS never denies it); AssumeRole needs {@code sts:AssumeRole} on
 * the role, with {@code sts:ExternalId}, {@code sts:RoleSessionName} and the request's tags as condition keys, and
 * {@code sts:TagSession} on the role too when the session gets tags (passed in the request, or transitive from the
 * calling session, as EKS Pod Identity's are).
 */
final class StsPermissions {

    private StsPermissions() {}

    static List<RequestContext> of(QueryCall call) {
        if (call.action().equals("GetCallerIdentity")) {
            return List.of();
        }
        if (!call.action().equals("AssumeRole")) {
            return List.of(RequestContext.of("sts:" + call.action(), "*"));
        }
        String roleArn = call.params().get("RoleArn");
        if (roleArn == null) {
            return List.of();
        }
        Map<String, String> tags = SessionTags.of(call);
        RequestContext assume = TagKeys.withRequestTags(RequestContext.of("sts:AssumeRole", roleArn), tags);
        String externalId = call.params().get("ExternalId");
        if (externalId != null) {
            assume = assume.with("sts:ExternalId", externalId);
        }
        String sessionName = call.params().get("RoleSessionName");
        if (sessionName != null) {
            assume = assume.with("sts:RoleSessionName", sessionName);
        }
        List<RequestContext> required = new ArrayList<>();
        required.add(assume);
        if (!tags.isEmpty()) {
            required.add(TagKeys.withRequestTags(RequestContext.of("sts:TagSession", roleArn), tags));
        }
        return required;
    }
}
