package dev.ops.proton.localaws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ops.proton.localaws.auth.Caller;

/**
 * One authenticated JSON-protocol request.
 *
 * @param caller who signed it
 * @param region the region of its SigV4 credential scope
 * @param operation the operation named after the dot in {@code X-Amz-Target}
 * @param input the request document (an empty object for an empty body)
 */
public record JsonCall(Caller caller, String region, String operation, ObjectNode input) {

    public AwsException unknownOperation() {
        return new AwsException(400, "UnknownOperationException", "Unknown operation " + operation);
    }
}
