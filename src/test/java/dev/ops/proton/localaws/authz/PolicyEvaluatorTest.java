package dev.ops.proton.localaws.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** AWS's evaluation of identity-based policies, as a table: one policy, one request, the decision. */
class PolicyEvaluatorTest {

    private static final String CONNECTION =
            "arn:aws:proton:us-east-1:222222222222:environment-account-connection/2f1c0000-0000-4000-8000-000000000000";
    private static final String ROLE = "arn:aws:iam::222222222222:role/EnvironmentAccountProtonRole";

    static Stream<Arguments> cases() {
        return Stream.of(
                // Action, NotAction, wildcards
                row("exact action", allow("proton:GetEnvironmentAccountConnection", "*"), get(), Decision.ALLOWED),
                row(
                        "action case-insensitive",
                        allow("Proton:getenvironmentaccountconnection", "*"),
                        get(),
                        Decision.ALLOWED),
                row("action wildcard", allow("proton:Get*", "*"), get(), Decision.ALLOWED),
                row("action ? wildcard", allow("proton:?etEnvironmentAccountConnection", "*"), get(), Decision.ALLOWED),
                row("other action", allow("proton:List*", "*"), get(), Decision.IMPLICIT_DENY),
                row(
                        "no policy statement",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
                        get(),
                        Decision.IMPLICIT_DENY),
                row(
                        "NotAction excludes",
                        statement("Allow", "\"NotAction\":\"proton:Get*\",\"Resource\":\"*\""),
                        get(),
                        Decision.IMPLICIT_DENY),
                row(
                        "NotAction includes the rest",
                        statement("Allow", "\"NotAction\":\"iam:*\",\"Resource\":\"*\""),
                        get(),
                        Decision.ALLOWED),
                // Resource, NotResource, ARN wildcards
                row(
                        "resource wildcard per component",
                        allow("proton:*", "arn:aws:proton:*:222222222222:environment-account-connection/*"),
                        get(),
                        Decision.ALLOWED),
                row(
                        "resource of another account",
                        allow("proton:*", "arn:aws:proton:*:111111111111:environment-account-connection/*"),
                        get(),
                        Decision.IMPLICIT_DENY),
                row(
                        "wildcard does not span ARN components",
                        allow("proton:*", "arn:aws:proton:*"),
                        get(),
                        Decision.IMPLICIT_DENY),
                row(
                        "specific ARN never matches an action without resource type",
                        allow("proton:*", "arn:aws:proton:*:*:environment-account-connection/*"),
                        RequestContext.of("proton:ListEnvironmentAccountConnections", "*"),
                        Decision.IMPLICIT_DENY),
                row(
                        "NotResource excludes",
                        statement(
                                "Allow", "\"Action\":\"proton:*\",\"NotResource\":\"arn:aws:proton:*:222222222222:*\""),
                        get(),
                        Decision.IMPLICIT_DENY),
                row(
                        "NotResource includes the rest",
                        statement(
                                "Allow", "\"Action\":\"proton:*\",\"NotResource\":\"arn:aws:proton:*:111111111111:*\""),
                        get(),
                        Decision.ALLOWED),
                // explicit deny
                row(
                        "explicit deny wins",
                        "{\"Version\":\"2012-10-17\",\"Statement\":["
                                + stmt("Allow", "\"Action\":\"*\",\"Resource\":\"*\"") + ","
                                + stmt("Deny", "\"Action\":\"proton:Get*\",\"Resource\":\"*\"") + "]}",
                        get(),
                        Decision.EXPLICIT_DENY),
                row(
                        "deny alone is an explicit deny",
                        statement("Deny", "\"Action\":\"proton:*\",\"Resource\":\"*\""),
                        get(),
                        Decision.EXPLICIT_DENY),
                row(
                        "deny of another action leaves the allow",
                        "{\"Version\":\"2012-10-17\",\"Statement\":["
                                + stmt("Allow", "\"Action\":\"*\",\"Resource\":\"*\"") + ","
                                + stmt("Deny", "\"Action\":\"proton:Delete*\",\"Resource\":\"*\"") + "]}",
                        get(),
                        Decision.ALLOWED),
                // StringEquals / StringNotEquals / StringLike on tags
                row(
                        "StringEquals RequestTag",
                        cond("StringEquals", "aws:RequestTag/team", "\"platform\""),
                        tagged("team", "platform"),
                        Decision.ALLOWED),
                row(
                        "StringEquals RequestTag other value",
                        cond("StringEquals", "aws:RequestTag/team", "\"platform\""),
                        tagged("team", "data"),
                        Decision.IMPLICIT_DENY),
                row(
                        "StringEquals RequestTag absent",
                        cond("StringEquals", "aws:RequestTag/team", "\"platform\""),
                        create(),
                        Decision.IMPLICIT_DENY),
                row(
                        "StringEqualsIfExists absent",
                        cond("StringEqualsIfExists", "aws:RequestTag/team", "\"platform\""),
                        create(),
                        Decision.ALLOWED),
                row(
                        "StringEqualsIfExists present, other",
                        cond("StringEqualsIfExists", "aws:RequestTag/team", "\"platform\""),
                        tagged("team", "data"),
                        Decision.IMPLICIT_DENY),
                row(
                        "StringNotEquals other value",
                        cond("StringNotEquals", "aws:RequestTag/team", "\"platform\""),
                        tagged("team", "data"),
                        Decision.ALLOWED),
                row(
                        "StringNotEquals same value",
                        cond("StringNotEquals", "aws:RequestTag/team", "\"platform\""),
                        tagged("team", "platform"),
                        Decision.IMPLICIT_DENY),
                row(
                        "StringNotEquals absent key holds",
                        cond("StringNotEquals", "aws:RequestTag/team", "\"platform\""),
                        create(),
                        Decision.ALLOWED),
                row(
                        "StringLike wildcard",
                        cond("StringLike", "aws:RequestTag/proton.ops.dev/owner", "\"platform/*\""),
                        tagged("proton.ops.dev/owner", "platform/multi-svc"),
                        Decision.ALLOWED),
                row(
                        "StringLike no match",
                        cond("StringLike", "aws:RequestTag/proton.ops.dev/owner", "\"platform/*\""),
                        tagged("proton.ops.dev/owner", "team-a/multi-svc"),
                        Decision.IMPLICIT_DENY),
                row(
                        "condition values are ORed",
                        cond("StringEquals", "aws:RequestTag/team", "[\"data\",\"platform\"]"),
                        tagged("team", "platform"),
                        Decision.ALLOWED),
                row(
                        "condition key name case-insensitive",
                        cond("StringEquals", "AWS:REQUESTTAG/team", "\"platform\""),
                        tagged("team", "platform"),
                        Decision.ALLOWED),
                // aws:TagKeys with set operators
                row(
                        "ForAllValues TagKeys subset",
                        cond("ForAllValues:StringEquals", "aws:TagKeys", "[\"team\",\"proton.ops.dev/owner\"]"),
                        tagged("team", "x"),
                        Decision.ALLOWED),
                row(
                        "ForAllValues TagKeys extra key",
                        cond("ForAllValues:StringEquals", "aws:TagKeys", "[\"team\"]"),
                        tagged("team", "x").with("aws:TagKeys", List.of("team", "cost")),
                        Decision.IMPLICIT_DENY),
                row(
                        "ForAllValues TagKeys absent holds",
                        cond("ForAllValues:StringEquals", "aws:TagKeys", "[\"team\"]"),
                        create(),
                        Decision.ALLOWED),
                row(
                        "ForAnyValue TagKeys one matches",
                        cond("ForAnyValue:StringLike", "aws:TagKeys", "\"proton.ops.dev/*\""),
                        tagged("team", "x").with("aws:TagKeys", List.of("team", "proton.ops.dev/owner")),
                        Decision.ALLOWED),
                row(
                        "ForAnyValue TagKeys none",
                        cond("ForAnyValue:StringLike", "aws:TagKeys", "\"proton.ops.dev/*\""),
                        tagged("team", "x"),
                        Decision.IMPLICIT_DENY),
                row(
                        "ForAnyValue TagKeys absent fails",
                        cond("ForAnyValue:StringLike", "aws:TagKeys", "\"proton.ops.dev/*\""),
                        create(),
                        Decision.IMPLICIT_DENY),
                // aws:ResourceTag
                row(
                        "ResourceTag equals",
                        cond("StringEquals", "aws:ResourceTag/proton.ops.dev/owner", "\"platform/a\""),
                        get().with("aws:ResourceTag/proton.ops.dev/owner", "platform/a"),
                        Decision.ALLOWED),
                row(
                        "ResourceTag of another owner",
                        cond("StringEquals", "aws:ResourceTag/proton.ops.dev/owner", "\"platform/a\""),
                        get().with("aws:ResourceTag/proton.ops.dev/owner", "platform/b"),
                        Decision.IMPLICIT_DENY),
                // Null
                row(
                        "Null false: key present",
                        cond("Null", "aws:RequestTag/proton.ops.dev/owner", "\"false\""),
                        tagged("proton.ops.dev/owner", "a/b"),
                        Decision.ALLOWED),
                row(
                        "Null false: key absent",
                        cond("Null", "aws:RequestTag/proton.ops.dev/owner", "\"false\""),
                        create(),
                        Decision.IMPLICIT_DENY),
                row(
                        "Null true: key absent",
                        cond("Null", "aws:RequestTag/proton.ops.dev/owner", "\"true\""),
                        create(),
                        Decision.ALLOWED),
                row(
                        "Null true: key present",
                        cond("Null", "aws:RequestTag/proton.ops.dev/owner", "\"true\""),
                        tagged("proton.ops.dev/owner", "a/b"),
                        Decision.IMPLICIT_DENY),
                // Bool
                row(
                        "Bool matches",
                        cond("Bool", "aws:SecureTransport", "\"true\""),
                        get().with("aws:SecureTransport", "true"),
                        Decision.ALLOWED),
                row(
                        "Bool differs",
                        cond("Bool", "aws:SecureTransport", "\"true\""),
                        get().with("aws:SecureTransport", "false"),
                        Decision.IMPLICIT_DENY),
                row("Bool absent", cond("Bool", "aws:SecureTransport", "\"true\""), get(), Decision.IMPLICIT_DENY),
                row(
                        "BoolIfExists absent",
                        cond("BoolIfExists", "aws:SecureTransport", "\"true\""),
                        get(),
                        Decision.ALLOWED),
                // aws:PrincipalAccount
                row(
                        "PrincipalAccount",
                        cond("StringEquals", "aws:PrincipalAccount", "\"222222222222\""),
                        get().with("aws:PrincipalAccount", "222222222222"),
                        Decision.ALLOWED),
                row(
                        "PrincipalAccount other",
                        cond("StringEquals", "aws:PrincipalAccount", "\"222222222222\""),
                        get().with("aws:PrincipalAccount", "333333333333"),
                        Decision.IMPLICIT_DENY),
                // iam:PassedToService, iam:PolicyARN with Arn operators
                row("PassedToService proton", passRole(), pass("proton.amazonaws.com"), Decision.ALLOWED),
                row("PassedToService other service", passRole(), pass("ec2.amazonaws.com"), Decision.IMPLICIT_DENY),
                row(
                        "ArnEquals PolicyARN",
                        attach("ArnEquals", "arn:aws:iam::aws:policy/AWSProtonReadOnlyAccess"),
                        attaching("arn:aws:iam::aws:policy/AWSProtonReadOnlyAccess"),
                        Decision.ALLOWED),
                row(
                        "ArnEquals PolicyARN other",
                        attach("ArnEquals", "arn:aws:iam::aws:policy/AWSProtonReadOnlyAccess"),
                        attaching("arn:aws:iam::aws:policy/AdministratorAccess"),
                        Decision.IMPLICIT_DENY),
                row(
                        "ArnLike PolicyARN",
                        attach("ArnLike", "arn:aws:iam::aws:policy/AWSProton*"),
                        attaching("arn:aws:iam::aws:policy/AWSProtonReadOnlyAccess"),
                        Decision.ALLOWED),
                row(
                        "ArnLike PolicyARN wildcard stays in its component",
                        attach("ArnLike", "arn:aws:iam::*"),
                        attaching("arn:aws:iam::aws:policy/AdministratorAccess"),
                        Decision.IMPLICIT_DENY),
                row(
                        "ArnNotEquals PolicyARN",
                        attach("ArnNotEquals", "arn:aws:iam::aws:policy/AdministratorAccess"),
                        attaching("arn:aws:iam::aws:policy/AWSProtonReadOnlyAccess"),
                        Decision.ALLOWED),
                // sts:ExternalId, cloudformation:ChangeSetName
                row(
                        "ExternalId",
                        cond("StringEquals", "sts:ExternalId", "\"abc-123\""),
                        get().with("sts:ExternalId", "abc-123"),
                        Decision.ALLOWED),
                row(
                        "ExternalId absent",
                        cond("StringEquals", "sts:ExternalId", "\"abc-123\""),
                        get(),
                        Decision.IMPLICIT_DENY),
                row(
                        "ChangeSetName like",
                        cond("StringLike", "cloudformation:ChangeSetName", "\"proton-*\""),
                        get().with("cloudformation:ChangeSetName", "proton-1a2b"),
                        Decision.ALLOWED),
                row(
                        "ChangeSetName other",
                        cond("StringLike", "cloudformation:ChangeSetName", "\"proton-*\""),
                        get().with("cloudformation:ChangeSetName", "manual"),
                        Decision.IMPLICIT_DENY),
                // conditions are ANDed across keys and operators; unknown operators fail closed
                row(
                        "two keys must both hold",
                        statement(
                                "Allow",
                                "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{"
                                        + "\"aws:RequestTag/team\":\"platform\",\"aws:PrincipalAccount\":\"222222222222\"}}"),
                        tagged("team", "platform").with("aws:PrincipalAccount", "333333333333"),
                        Decision.IMPLICIT_DENY),
                row(
                        "unknown operator fails closed",
                        cond("NumericEquals", "aws:RequestTag/team", "\"1\""),
                        tagged("team", "1"),
                        Decision.IMPLICIT_DENY),
                row(
                        "deny with a condition that does not hold does not deny",
                        "{\"Version\":\"2012-10-17\",\"Statement\":["
                                + stmt("Allow", "\"Action\":\"*\",\"Resource\":\"*\"")
                                + ","
                                + stmt(
                                        "Deny",
                                        "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":"
                                                + "{\"aws:PrincipalAccount\":\"222222222222\"}}")
                                + "]}",
                        get().with("aws:PrincipalAccount", "222222222222"),
                        Decision.ALLOWED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldDecideAsAws(String name, String policy, RequestContext request, Decision expected) {
        assertThat(PolicyEvaluator.evaluate(List.of(PolicyDocument.parse(name, policy)), request))
                .isEqualTo(expected);
    }

    private static Arguments row(String name, String policy, RequestContext request, Decision expected) {
        return Arguments.of(name, policy, request, expected);
    }

    private static RequestContext get() {
        return RequestContext.of("proton:GetEnvironmentAccountConnection", CONNECTION);
    }

    private static RequestContext create() {
        return RequestContext.of("proton:CreateEnvironmentAccountConnection", "*");
    }

    private static RequestContext tagged(String key, String value) {
        return TagKeys.withRequestTags(create(), Map.of(key, value));
    }

    private static RequestContext pass(String service) {
        return RequestContext.of("iam:PassRole", ROLE).with("iam:PassedToService", service);
    }

    private static RequestContext attaching(String policyArn) {
        return RequestContext.of("iam:AttachRolePolicy", ROLE).with("iam:PolicyARN", policyArn);
    }

    private static String allow(String action, String resource) {
        return statement("Allow", "\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"");
    }

    private static String cond(String operator, String key, String values) {
        return statement(
                "Allow",
                "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"" + operator + "\":{\"" + key + "\":" + values
                        + "}}");
    }

    private static String passRole() {
        return statement(
                "Allow",
                "\"Action\":\"iam:PassRole\",\"Resource\":\"arn:aws:iam::*:role/EnvironmentAccount*\","
                        + "\"Condition\":{\"StringEquals\":{\"iam:PassedToService\":\"proton.amazonaws.com\"}}");
    }

    private static String attach(String operator, String policyArn) {
        return statement(
                "Allow",
                "\"Action\":\"iam:AttachRolePolicy\",\"Resource\":\"*\",\"Condition\":{\"" + operator
                        + "\":{\"iam:PolicyARN\":\"" + policyArn + "\"}}");
    }

    private static String statement(String effect, String body) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + stmt(effect, body) + "]}";
    }

    private static String stmt(String effect, String body) {
        return "{\"Effect\":\"" + effect + "\"," + body + "}";
    }
}
