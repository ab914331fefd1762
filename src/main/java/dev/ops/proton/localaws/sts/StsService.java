package dev.ops.proton.localaws.sts;

import dev.ops.proton.localaws.LocalAwsContext;
import dev.ops.proton.localaws.QueryCall;
import dev.ops.proton.localaws.QueryService;
import dev.ops.proton.localaws.protocol.XmlElement;

/** STS over the query protocol (2011-06-15). */
public final class StsService implements QueryService {

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
    public void handle(QueryCall call, XmlElement result) {
        switch (call.action()) {
            case "GetCallerIdentity" -> result
                    .text("UserId", call.caller().userId())
                    .text("Account", call.caller().accountId())
                    .text("Arn", call.caller().arn());
            default -> throw call.unknownAction("2011-06-15");
        }
    }
}
