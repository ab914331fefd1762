package dev.ops.proton.localaws.cloudformation.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template engine without I/O: parsing both YAML forms and JSON, intrinsics, conditions, errors. */
class TemplateTest {

    private static final Evaluation.StackContext STACK = new Evaluation.StackContext(
            "222222222222", "us-east-1", "roles", "arn:aws:cloudformation:us-east-1:222222222222:stack/roles/1");
    private static final Evaluation.ResourceAttributes CREATED = new Evaluation.ResourceAttributes() {
        @Override
        public String ref(String logicalId) {
            return "physical-" + logicalId;
        }

        @Override
        public String attribute(String logicalId, String attribute) {
            return attribute.equals("Arn") ? "arn:aws:iam::222222222222:role/physical-" + logicalId : null;
        }
    };

    @Test
    void shouldResolveShortFormIntrinsics() {
        Template template = Template.parse("""
                Parameters:
                  Env: {Type: String, Default: prod}
                  Names: {Type: CommaDelimitedList, Default: "a,b,c"}
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                  NotProd: !Not [!Condition IsProd]
                  Both: !And [!Condition IsProd, !Or [!Condition NotProd, !Equals [x, x]]]
                Resources:
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument: {}
                      Description: !Sub "${Env} in ${AWS::Region} of ${AWS::AccountId} (${!Literal})"
                      Path: !If [IsProd, /prod/, !Ref AWS::NoValue]
                      MaxSessionDuration: !If [NotProd, 7200, !Ref AWS::NoValue]
                      Tags:
                        - {Key: joined, Value: !Join ["-", [!Ref Env, !Select [1, !Ref Names]]]}
                        - {Key: split, Value: !Select [2, !Split [",", "x,y,z"]]}
                        - {Key: both, Value: !If [Both, chosen, skipped]}
                        - {Key: b64, Value: !Base64 hi}
                        - {Key: sub, Value: !Sub ["${A}-${B}", {A: !Ref Env, B: two}]}
                Outputs:
                  Arn: {Value: !GetAtt Role.Arn}
                  Name: {Value: !Ref Role}
                  OnlyDev: {Condition: NotProd, Value: dev}
                """);
        Evaluation evaluation = Evaluation.bind(template, Map.of(), STACK);

        Map<String, Object> properties =
                evaluation.resolveProperties(template.resources().get("Role"), CREATED);

        assertThat(properties)
                .containsEntry("Description", "prod in us-east-1 of 222222222222 (${Literal})")
                .containsEntry("Path", "/prod/")
                .doesNotContainKey("MaxSessionDuration");
        assertThat(properties.get("Tags"))
                .asList()
                .containsExactly(
                        Map.of("Key", "joined", "Value", "prod-b"),
                        Map.of("Key", "split", "Value", "z"),
                        Map.of("Key", "both", "Value", "chosen"),
                        Map.of("Key", "b64", "Value", "aGk="),
                        Map.of("Key", "sub", "Value", "prod-two"));
        assertThat(evaluation.resolveOutputs(CREATED)).containsOnlyKeys("Arn", "Name");
        assertThat(evaluation.resolveOutputs(CREATED).get("Arn").value())
                .isEqualTo("arn:aws:iam::222222222222:role/physical-Role");
    }

    @Test
    void shouldReadLongFormsAndJson() {
        String json = """
                {"Parameters": {"Env": {"Type": "String"}},
                 "Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {
                   "AssumeRolePolicyDocument": {},
                   "Description": {"Fn::Join": ["/", [{"Ref": "Env"}, {"Fn::GetAtt": ["Other", "Arn"]}]]}}},
                   "Other": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}}}}}
                """;
        Template template = Template.parse(json);
        Evaluation evaluation = Evaluation.bind(template, Map.of("Env", "dev"), STACK);

        assertThat(evaluation.resolveProperties(template.resources().get("Role"), CREATED))
                .containsEntry("Description", "dev/arn:aws:iam::222222222222:role/physical-Other");
        assertThat(template.creationOrder()).containsExactly("Other", "Role");
    }

    @Test
    void shouldOrderResourcesByReferencesAndDependsOn() {
        Template template = Template.parse("""
                Resources:
                  Policy:
                    Type: AWS::IAM::Policy
                    Properties: {PolicyName: p, PolicyDocument: {}, Roles: [!Ref Role]}
                  Last:
                    Type: AWS::IAM::Role
                    DependsOn: Policy
                    Properties: {AssumeRolePolicyDocument: {}}
                  Role:
                    Type: AWS::IAM::Role
                    Properties: {AssumeRolePolicyDocument: {}}
                """);

        assertThat(template.creationOrder()).containsExactly("Role", "Policy", "Last");
    }

    @Test
    void shouldRequireIamCapabilitiesAndNamedIamForExplicitNames() {
        assertThat(Template.parse("Resources: {R: {Type: AWS::IAM::Role, Properties: {}}}")
                        .requiredCapabilities())
                .containsExactly("CAPABILITY_IAM");
        assertThat(Template.parse("Resources: {R: {Type: AWS::IAM::Role, Properties: {RoleName: x}}}")
                        .requiredCapabilities())
                .containsExactly("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM");
    }

    @Test
    void shouldRefuseUnsupportedResourceTypes() {
        assertThatThrownBy(() -> Template.parse("Resources: {B: {Type: AWS::S3::Bucket}}"))
                .hasMessage("Template format error: Unrecognized resource types: [AWS::S3::Bucket]");
    }

    @Test
    void shouldRefuseBrokenTemplates() {
        assertThatThrownBy(() -> Template.parse("Resources: {}"))
                .hasMessageContaining("At least one Resources member must be defined");
        assertThatThrownBy(() -> Template.parse("Resources: {R: {Type: AWS::IAM::Role, Properties: {P: !Ref Nope}}}"))
                .hasMessageContaining("Unresolved resource dependencies [Nope]");
        assertThatThrownBy(() ->
                        Template.parse("Resources: {R: {Type: AWS::IAM::Role, Properties: {P: !GetAtt Nope.Arn}}}"))
                .hasMessageContaining("Fn::GetAtt references undefined resource Nope");
        assertThatThrownBy(() -> Template.parse("""
                Resources:
                  A: {Type: AWS::IAM::Role, Properties: {P: !Ref B}}
                  B: {Type: AWS::IAM::Role, Properties: {P: !Ref A}}
                """)).hasMessageContaining("Circular dependency between resources");
        assertThatThrownBy(() -> Template.parse("Resources: [unbalanced")).hasMessageContaining("YAML not well-formed");
        assertThatThrownBy(() -> Template.parse("{\"Resources\": ")).hasMessageContaining("JSON not well-formed");
        assertThatThrownBy(() -> Template.parse("Bogus: 1\nResources: {R: {Type: AWS::IAM::Role}}"))
                .hasMessageContaining("Invalid template property or properties [Bogus]");
    }

    @Test
    void shouldCheckParameters() {
        Template template = Template.parse("""
                Parameters:
                  Account: {Type: String, AllowedPattern: "^\\\\d{12}$"}
                  Size: {Type: String, AllowedValues: [small, large], Default: small}
                Resources: {R: {Type: AWS::IAM::Role, Properties: {}}}
                """);

        assertThatThrownBy(() -> Evaluation.bind(template, Map.of(), STACK))
                .hasMessage("Parameters: [Account] must have values");
        assertThatThrownBy(() -> Evaluation.bind(template, Map.of("Account", "12"), STACK))
                .hasMessageContaining("Parameter 'Account' must match pattern");
        assertThatThrownBy(() -> Evaluation.bind(template, Map.of("Account", "111111111111", "Size", "huge"), STACK))
                .hasMessage("Parameter 'Size' must be one of AllowedValues");
        assertThatThrownBy(() -> Evaluation.bind(template, Map.of("Account", "111111111111", "Nope", "x"), STACK))
                .hasMessage("Parameters: [Nope] do not exist in the template");
        assertThat(Evaluation.bind(template, Map.of("Account", "111111111111"), STACK)
                        .parameterValues())
                .isEqualTo(Map.of("Account", "111111111111", "Size", "small"));
    }

    @Test
    void shouldSkipResourcesWhoseConditionIsFalse() {
        Template template = Template.parse("""
                Parameters: {Make: {Type: String, Default: "false"}}
                Conditions: {Wanted: !Equals [!Ref Make, "true"]}
                Resources:
                  Always: {Type: AWS::IAM::Role, Properties: {}}
                  Optional: {Type: AWS::IAM::Role, Condition: Wanted, Properties: {}}
                """);

        assertThat(Evaluation.bind(template, Map.of(), STACK).activeResources())
                .extracting(ResourceDeclaration::logicalId)
                .containsExactly("Always");
        assertThat(Evaluation.bind(template, Map.of("Make", "true"), STACK).activeResources())
                .extracting(ResourceDeclaration::logicalId)
                .containsExactly("Always", "Optional");
    }

    @Test
    void shouldLimitHostileYaml() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x]\n");
        for (int i = 0; i < 30; i++) {
            bomb.append("b")
                    .append(i)
                    .append(": &b")
                    .append(i)
                    .append(" [*")
                    .append(i == 0 ? "a" : "b" + (i - 1))
                    .append(", *")
                    .append(i == 0 ? "a" : "b" + (i - 1))
                    .append("]\n");
        }
        assertThatThrownBy(() -> Template.parse(bomb.toString())).isInstanceOf(TemplateException.class);
    }
}
