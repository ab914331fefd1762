package dev.ops.proton.localaws.cloudformation;

import dev.ops.proton.localaws.LocalAwsContext;
import dev.ops.proton.localaws.QueryCall;
import dev.ops.proton.localaws.QueryService;
import dev.ops.proton.localaws.protocol.XmlElement;

/** Placeholder: operations arrive in the next commits. */
public final class CloudFormationService implements QueryService {

    public CloudFormationService(LocalAwsContext context) {
    }

    @Override
    public String signingName() {
        return "cloudformation";
    }

    @Override
    public String xmlNamespace() {
        return "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    }

    @Override
    public void handle(QueryCall call, XmlElement result) {
        throw call.unknownAction("2010-05-15");
    }
}
