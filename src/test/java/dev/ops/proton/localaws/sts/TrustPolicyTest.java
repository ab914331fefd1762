package dev.ops.proton.localaws.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.localaws.auth.Caller;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustPolicyTest {

    private static final Caller ROOT_999 = Caller.root("999999999999", "999999999999");
    private static final Caller SESSION_999 = new Caller(
            "999999999999",
            "arn:aws:sts::999999999999:assumed-role/Operator/s1",
            "AROAX:s1",
            "ASIAX",
            "arn:aws:iam::999999999999:role/Operator");

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "account root ARN trusts the account root | {'AWS':'arn:aws:iam::999999999999:root'} | | root | | true",
                "bare account id trusts a session of that account | {'AWS':'999999999999'} | | session | | true",
                "role ARN trusts sessions of that role | {'AWS':'arn:aws:iam::999999999999:role/Operator'} | | session | | true",
                "role ARN does not trust the account root | {'AWS':'arn:aws:iam::999999999999:role/Operator'} | | root | | false",
                "another account is not trusted | {'AWS':'arn:aws:iam::111111111111:root'} | | root | | false",
                "service principal never trusts an account | {'Service':'proton.amazonaws.com'} | | root | | false",
                "wildcard principal trusts anyone | {'AWS':'*'} | | root | | true",
                "ExternalId must match | {'AWS':'999999999999'} | {'StringEquals':{'sts:ExternalId':'abc'}} | root | abc | true",
                "ExternalId mismatch denies | {'AWS':'999999999999'} | {'StringEquals':{'sts:ExternalId':'abc'}} | root | xyz | false",
                "absent ExternalId denies | {'AWS':'999999999999'} | {'StringEquals':{'sts:ExternalId':'abc'}} | root | | false",
                "StringLike with wildcard | {'AWS':'999999999999'} | {'StringLike':{'sts:ExternalId':'ab*'}} | root | abcd | true",
                "unknown condition operator fails closed | {'AWS':'999999999999'} | {'NumericEquals':{'sts:ExternalId':'1'}} | root | 1 | false",
                "unknown condition key fails closed | {'AWS':'999999999999'} | {'StringEquals':{'aws:SourceIp':'1.2.3.4'}} | root | | false",
            })
    void shouldEvaluateTrustPolicies(
            String description, String principal, String condition, String caller, String externalId, boolean allowed) {
        String document = ("{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':" + principal
                        + ",'Action':['sts:AssumeRole']" + (condition == null ? "" : ",'Condition':" + condition)
                        + "}]}")
                .replace('\'', '"');

        boolean result = TrustPolicy.allows(
                document, new TrustPolicy.Request("root".equals(caller) ? ROOT_999 : SESSION_999, externalId));

        assertThat(result).as(description).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "explicit deny wins | true | false",
                "allow alone allows | false | true",
            })
    void shouldLetAnExplicitDenyWin(String description, boolean withDeny, boolean allowed) {
        String allow = "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"999999999999\"},\"Action\":\"sts:AssumeRole\"}";
        String deny = "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\"}";
        String document = "{\"Statement\":[" + allow + (withDeny ? "," + deny : "") + "]}";

        assertThat(TrustPolicy.allows(document, new TrustPolicy.Request(ROOT_999, null)))
                .as(description)
                .isEqualTo(allowed);
    }
}
