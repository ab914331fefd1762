package dev.ops.proton.localaws;

import dev.ops.proton.localaws.authz.RequestContext;
import dev.ops.proton.localaws.protocol.XmlElement;
import java.util.List;

/**
 * A service spoken over the AWS query protocol (form-encoded POST, XML responses): STS, IAM, CloudFormation.
 *
 * <p>Implementations hold only service logic: the server parses the form, authenticates the caller, and wraps
 * what {@link #handle} writes into {@code <ActionResult>} inside {@code <ActionResponse>}. Handlers may be called
 * from several threads at once and guard their own state.
 */
public interface QueryService {

    /** The SigV4 signing name the service is routed by, e.g. {@code sts}. */
    String signingName();

    /** The API version's XML namespace, e.g. {@code https://sts.amazonaws.com/doc/2011-06-15/}. */
    String xmlNamespace();

    /**
     * Performs the call's action, writing its output members into {@code result} (the {@code <ActionResult>}
     * element). Throws {@link AwsException} for AWS errors, including an unknown action.
     */
    void handle(QueryCall call, XmlElement result);

    /**
     * What the caller must be allowed to do for this call, per the Service Authorization Reference: each action with
     * its resource ARN ({@code *} for actions without a resource type) and condition keys. The endpoint authorizes
     * them all before {@link #handle}, so a denied caller learns nothing about whether the resource exists. Empty only
     * for calls that need no permission (GetCallerIdentity); an action without a mapping is authorized on {@code *}.
     */
    List<RequestContext> requiredPermissions(QueryCall call);
}
