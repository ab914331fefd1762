package dev.ops.proton.localaws;

import dev.ops.proton.localaws.auth.Caller;
import dev.ops.proton.localaws.protocol.QueryParams;

/**
 * One authenticated query-protocol request.
 *
 * @param caller who signed it
 * @param region the region of its SigV4 credential scope
 * @param action the form field {@code Action}
 * @param params every form field
 */
public record QueryCall(Caller caller, String region, String action, QueryParams params) {

    public AwsException unknownAction(String version) {
        return new AwsException(400, "InvalidAction", "Could not find operation " + action + " for version " + version);
    }
}
