package dev.ops.proton.localaws;

import dev.ops.proton.localaws.protocol.XmlElement;

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
}
