package dev.ops.proton.localaws.iam;

import dev.ops.proton.localaws.LocalAwsContext;
import dev.ops.proton.localaws.QueryCall;
import dev.ops.proton.localaws.QueryService;
import dev.ops.proton.localaws.protocol.XmlElement;

/** Placeholder: operations arrive in the next commits. */
public final class IamService implements QueryService {

    public IamService(LocalAwsContext context) {
    }

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public String xmlNamespace() {
        return "https://iam.amazonaws.com/doc/2010-05-08/";
    }

    @Override
    public void handle(QueryCall call, XmlElement result) {
        throw call.unknownAction("2010-05-08");
    }
}
