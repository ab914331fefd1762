package dev.ops.proton.localaws.proton;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ops.proton.localaws.JsonCall;
import dev.ops.proton.localaws.JsonService;
import dev.ops.proton.localaws.LocalAwsContext;

/** Placeholder: operations arrive in the next commits. */
public final class ProtonService implements JsonService {

    public ProtonService(LocalAwsContext context) {
    }

    @Override
    public String signingName() {
        return "proton";
    }

    @Override
    public String targetPrefix() {
        return "AwsProton20200720";
    }

    @Override
    public ObjectNode handle(JsonCall call) {
        throw call.unknownOperation();
    }
}
