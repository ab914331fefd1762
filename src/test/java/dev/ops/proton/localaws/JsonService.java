package dev.ops.proton.localaws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ops.proton.localaws.authz.RequestContext;
import java.util.List;

/**
 * A service spoken over the AWS JSON 1.0 protocol (operation named by {@code X-Amz-Target}): Proton.
 *
 * <p>Handlers may be called from several threads at once and guard their own state.
 */
public interface JsonService {

    /** The SigV4 signing name the service is routed by, e.g. {@code proton}. */
    String signingName();

    /** The {@code X-Amz-Target} prefix before the dot, e.g. {@code AwsProton20200720}. */
    String targetPrefix();

    /** Performs the operation and returns the output document. Throws {@link AwsException} for AWS errors. */
    ObjectNode handle(JsonCall call);

    /** What the caller must be allowed to do for this call; see {@link QueryService#requiredPermissions}. */
    List<RequestContext> requiredPermissions(JsonCall call);
}
