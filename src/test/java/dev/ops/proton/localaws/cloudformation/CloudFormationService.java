package dev.ops.proton.localaws.cloudformation;

import dev.ops.proton.localaws.AwsException;
import dev.ops.proton.localaws.LocalAwsContext;
import dev.ops.proton.localaws.QueryCall;
import dev.ops.proton.localaws.QueryService;
import dev.ops.proton.localaws.auth.Caller;
import dev.ops.proton.localaws.authz.RequestContext;
import dev.ops.proton.localaws.cloudformation.ChangeSet.ResourceChange;
import dev.ops.proton.localaws.cloudformation.ChangeSet.StackDefinition;
import dev.ops.proton.localaws.cloudformation.template.Evaluation;
import dev.ops.proton.localaws.cloudformation.template.ParameterDeclaration;
import dev.ops.proton.localaws.cloudformation.template.ResourceDeclaration;
import dev.ops.proton.localaws.cloudformation.template.Template;
import dev.ops.proton.localaws.cloudformation.template.TemplateException;
import dev.ops.proton.localaws.protocol.QueryParams;
import dev.ops.proton.localaws.protocol.XmlElement;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

/**
 * CloudFormation over the query protocol (2010-05-15): stacks, change sets, events and outputs for templates of
 * IAM roles and policies. Behaves as AWS does where moto does not: capabilities are enforced, an empty change set
 * FAILs with AWS's reason, outputs exist for stacks made through change sets, a ROLLBACK_COMPLETE stack can only
 * be deleted, termination protection holds. Stacks live per account and region.
 */
public final class CloudFormationService implements QueryService, AutoCloseable {

    static final String VERSION = "2010-05-15";
    static final String NO_CHANGES = "The submitted information didn't contain changes. "
            + "Submit different information to create a change set.";
    /** CloudFormation's limit for a template passed in the request (larger ones must come from S3). */
    private static final int MAX_TEMPLATE_BODY_BYTES = 51_200;

    private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");
    private static final Pattern CHANGE_SET_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");
    private static final Set<String> KNOWN_CAPABILITIES =
            Set.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND");

    private final LocalAwsContext context;
    private final List<Stack> stacks = new ArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final StackOperations operations;
    /** The caller of the request being handled (under the lock), who becomes the operator of what it starts. */
    private Caller caller;

    public CloudFormationService(LocalAwsContext context) {
        this.context = context;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-cloudformation");
            thread.setDaemon(true);
            return thread;
        });
        this.operations = new StackOperations(
                this,
                scheduler,
                context.stackOperationDelay(),
                new IamResourceProvisioner(context.iam(), context.authorizer()),
                context.clock());
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
    public void close() {
        scheduler.shutdownNow();
    }

    @Override
    public List<RequestContext> requiredPermissions(QueryCall call) {
        return CloudFormationPermissions.of(call, this::authorizedArn, this::tagChange);
    }

    private synchronized CloudFormationPermissions.TagChange tagChange(
            String account, String region, String stackNameOrId, String changeSetNameOrArn) {
        return StackSearch.tagChange(stacks, account, region, stackNameOrId, changeSetNameOrArn);
    }

    private synchronized String authorizedArn(
            String account, String region, String stackNameOrId, String changeSetNameOrArn) {
        return StackSearch.authorizedArn(stacks, account, region, stackNameOrId, changeSetNameOrArn);
    }

    @Override
    public synchronized void handle(QueryCall call, XmlElement result) {
        caller = call.caller();
        String account = call.caller().accountId();
        String region = call.region();
        QueryParams params = call.params();
        String body = params.get("TemplateBody");
        if (body != null && body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_TEMPLATE_BODY_BYTES) {
            throw validation("1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member"
                    + " must have length less than or equal to " + MAX_TEMPLATE_BODY_BYTES);
        }
        try {
            switch (call.action()) {
                case "CreateStack" -> result.text("StackId", createStack(account, region, params));
                case "UpdateStack" -> result.text("StackId", updateStack(account, region, params));
                case "DeleteStack" -> deleteStack(account, region, params);
                case "DescribeStacks" -> describeStacks(account, region, params, result);
                case "DescribeStackEvents" -> describeStackEvents(account, region, params, result);
                case "GetTemplateSummary" -> getTemplateSummary(account, region, params, result);
                case "GetTemplate" ->
                    result.text(
                            "TemplateBody",
                            existing(account, region, params.required("StackName"))
                                    .definition
                                    .templateBody());
                case "CreateChangeSet" -> createChangeSet(account, region, params, result);
                case "DescribeChangeSet" -> describeChangeSet(account, region, params, result);
                case "ExecuteChangeSet" -> executeChangeSet(account, region, params);
                case "DeleteChangeSet" -> deleteChangeSet(account, region, params);
                case "ListChangeSets" -> listChangeSets(account, region, params, result);
                case "UpdateTerminationProtection" ->
                    result.text("StackId", updateTerminationProtection(account, region, params));
                case "ListStacks" -> listStacks(account, region, result);
                default -> throw call.unknownAction(VERSION);
            }
        } catch (TemplateException e) {
            throw validation(e.getMessage());
        }
    }

    // ---- stacks ------------------------------------------------------------------------------------------

    private String createStack(String account, String region, QueryParams params) {
        String name = stackName(params);
        String token = params.get("ClientRequestToken");
        Stack live = find(account, region, name);
        if (live != null) {
            if (token != null && token.equals(live.createToken)) {
                return live.stackId;
            }
            throw new AwsException(400, "AlreadyExistsException", "Stack [" + name + "] already exists");
        }
        StackDefinition definition = definition(params, null);
        Stack stack = newStack(account, region, name, token);
        Evaluation evaluation = evaluate(stack, definition);
        stack.definition = definition;
        stack.operator = caller;
        stack.terminationProtection = params.bool("EnableTerminationProtection", false);
        stacks.add(stack);
        operations.create(stack, evaluation, () -> {});
        return stack.stackId;
    }

    private String updateStack(String account, String region, QueryParams params) {
        Stack stack = existing(account, region, params.required("StackName"));
        requireUpdatable(stack);
        StackDefinition definition = definition(params, stack);
        Evaluation evaluation = evaluate(stack, definition);
        if (changes(stack, evaluation, definition).isEmpty()) {
            throw validation("No updates are to be performed.");
        }
        stack.operator = caller;
        operations.update(stack, definition, evaluation, () -> {});
        return stack.stackId;
    }

    private void deleteStack(String account, String region, QueryParams params) {
        String nameOrId = params.required("StackName");
        Stack stack = find(account, region, nameOrId);
        if (stack == null || stack.isDeleted() || stack.status.equals("DELETE_IN_PROGRESS")) {
            return;
        }
        if (stack.terminationProtection) {
            throw validation("Stack [" + stack.name + "] cannot be deleted while TerminationProtection is enabled");
        }
        if (stack.isInProgress()) {
            throw validation("Stack [" + stack.name + "] is in " + stack.status + " state and can not be deleted.");
        }
        stack.operator = caller;
        operations.delete(stack, () -> {});
    }

    private String updateTerminationProtection(String account, String region, QueryParams params) {
        Stack stack = existing(account, region, params.required("StackName"));
        stack.terminationProtection = Boolean.parseBoolean(params.required("EnableTerminationProtection"));
        return stack.stackId;
    }

    private void describeStacks(String account, String region, QueryParams params, XmlElement result) {
        List<Stack> selected = new ArrayList<>();
        String nameOrId = params.get("StackName");
        if (nameOrId != null) {
            selected.add(existing(account, region, nameOrId));
        } else {
            stacks.stream()
                    .filter(s -> visible(s, account, region) && !s.isDeleted())
                    .forEach(selected::add);
        }
        result.members("Stacks", selected, this::writeStack);
    }

    private void writeStack(XmlElement member, Stack stack) {
        member.text("StackId", stack.stackId)
                .text("StackName", stack.name)
                .text(
                        "Description",
                        stack.evaluation == null
                                ? null
                                : stack.evaluation.template().description())
                .text("CreationTime", time(stack.creationTime))
                .text("LastUpdatedTime", time(stack.lastUpdatedTime))
                .text("DeletionTime", time(stack.deletionTime))
                .text("StackStatus", stack.status)
                .text("StackStatusReason", stack.statusReason)
                .text("DisableRollback", false)
                .text("EnableTerminationProtection", stack.terminationProtection);
        if (stack.evaluation != null) {
            member.members(
                    "Parameters",
                    stack.evaluation.parameterValues().entrySet(),
                    (p, entry) -> p.text("ParameterKey", entry.getKey())
                            .text(
                                    "ParameterValue",
                                    noEcho(stack.evaluation.template(), entry.getKey()) ? "****" : entry.getValue()));
        }
        if (stack.definition != null && !stack.definition.capabilities().isEmpty()) {
            member.textMembers("Capabilities", stack.definition.capabilities());
        }
        if (!stack.outputs.isEmpty()) {
            member.members(
                    "Outputs",
                    stack.outputs.values(),
                    (o, output) -> o.text("OutputKey", output.key())
                            .text("OutputValue", output.value())
                            .text("Description", output.description()));
        }
        if (stack.definition != null && !stack.definition.tags().isEmpty()) {
            member.members(
                    "Tags",
                    stack.definition.tags().entrySet(),
                    (t, tag) -> t.text("Key", tag.getKey()).text("Value", tag.getValue()));
        }
        member.child("DriftInformation").text("StackDriftStatus", "NOT_CHECKED");
    }

    private void describeStackEvents(String account, String region, QueryParams params, XmlElement result) {
        Stack stack = existing(account, region, params.required("StackName"));
        List<StackEvent> newestFirst = new ArrayList<>(stack.events);
        java.util.Collections.reverse(newestFirst);
        result.members(
                "StackEvents",
                newestFirst,
                (member, event) -> member.text("StackId", stack.stackId)
                        .text("EventId", event.eventId())
                        .text("StackName", stack.name)
                        .text("LogicalResourceId", event.logicalResourceId())
                        .text("PhysicalResourceId", event.physicalResourceId())
                        .text("ResourceType", event.resourceType())
                        .text("Timestamp", time(event.timestamp()))
                        .text("ResourceStatus", event.resourceStatus())
                        .text("ResourceStatusReason", event.resourceStatusReason()));
    }

    private void listStacks(String account, String region, XmlElement result) {
        result.members(
                "StackSummaries",
                stacks.stream().filter(s -> visible(s, account, region)).toList(),
                (member, stack) -> member.text("StackId", stack.stackId)
                        .text("StackName", stack.name)
                        .text("CreationTime", time(stack.creationTime))
                        .text("DeletionTime", time(stack.deletionTime))
                        .text("StackStatus", stack.status));
    }

    private void getTemplateSummary(String account, String region, QueryParams params, XmlElement result) {
        Template template;
        if (params.has("TemplateBody")) {
            template = Template.parse(params.get("TemplateBody"));
        } else if (params.has("StackName")) {
            template = Template.parse(existing(account, region, params.get("StackName"))
                    .definition
                    .templateBody());
        } else {
            throw validation("Either Template URL or Template Body must be specified.");
        }
        result.members(
                "Parameters",
                template.parameters().values(),
                (member, p) -> member.text("ParameterKey", p.name())
                        .text("DefaultValue", p.defaultValue())
                        .text("ParameterType", p.type())
                        .text("NoEcho", p.noEcho())
                        .text("Description", p.description()));
        result.text("Description", template.description());
        Set<String> capabilities = template.requiredCapabilities();
        if (!capabilities.isEmpty()) {
            result.textMembers("Capabilities", capabilities);
            result.text(
                    "CapabilitiesReason",
                    "The following resource(s) require capabilities: "
                            + template.resources().values().stream()
                                    .filter(r -> r.type().startsWith("AWS::IAM::"))
                                    .map(ResourceDeclaration::type)
                                    .distinct()
                                    .toList());
        }
        result.textMembers(
                "ResourceTypes",
                template.resources().values().stream()
                        .map(ResourceDeclaration::type)
                        .distinct()
                        .toList());
        result.text("Version", "2010-09-09");
        result.textMembers("DeclaredTransforms", List.of());
    }

    // ---- change sets -------------------------------------------------------------------------------------

    private void createChangeSet(String account, String region, QueryParams params, XmlElement result) {
        String stackName = params.required("StackName");
        String changeSetName = params.required("ChangeSetName");
        if (!CHANGE_SET_NAME.matcher(changeSetName).matches()) {
            throw validation("1 validation error detected: Value '" + changeSetName + "' at 'changeSetName' failed "
                    + "to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
        }
        String type = params.optional("ChangeSetType").orElse("UPDATE");
        Stack stack = find(account, region, stackName);
        if (type.equals("CREATE")) {
            if (stack != null && !(stack.status.equals("REVIEW_IN_PROGRESS") && stack.resources.isEmpty())) {
                throw validation("Stack [" + stackName + "] already exists and cannot be created again with the "
                        + "changeSet [" + changeSetName + "].");
            }
            requireStackName(stackName);
        } else if (type.equals("UPDATE")) {
            if (stack == null || stack.status.equals("REVIEW_IN_PROGRESS")) {
                throw validation("Stack [" + stackName + "] does not exist");
            }
            requireUpdatable(stack);
        } else {
            throw validation("ChangeSetType must be CREATE, UPDATE or IMPORT");
        }
        StackDefinition definition = definition(params, type.equals("UPDATE") ? stack : null);
        if (stack == null) {
            stack = newStack(account, region, stackName, null);
            stack.status = "REVIEW_IN_PROGRESS";
            stack.statusReason = "User Initiated";
            stacks.add(stack);
        }
        if (stack.changeSets.containsKey(changeSetName)) {
            throw new AwsException(400, "AlreadyExistsException", "ChangeSet [" + changeSetName + "] already exists");
        }
        Evaluation evaluation = evaluate(stack, definition);
        List<ResourceChange> changes = changes(stack, evaluation, definition);
        String id = "arn:aws:cloudformation:" + region + ":" + account + ":changeSet/" + changeSetName + "/"
                + UUID.randomUUID();
        ChangeSet changeSet = new ChangeSet(
                id, changeSetName, type, context.clock().instant(), definition, changes, params.get("Description"));
        if (changes.isEmpty() && type.equals("UPDATE")) {
            changeSet.status = "FAILED";
            changeSet.statusReason = NO_CHANGES;
            changeSet.executionStatus = "UNAVAILABLE";
        } else {
            changeSet.status = "CREATE_COMPLETE";
            changeSet.executionStatus = "AVAILABLE";
        }
        stack.changeSets.put(changeSetName, changeSet);
        result.text("Id", id).text("StackId", stack.stackId);
    }

    private void describeChangeSet(String account, String region, QueryParams params, XmlElement result) {
        Stack stack = stackOfChangeSet(account, region, params);
        ChangeSet changeSet = changeSet(stack, params.required("ChangeSetName"));
        result.text("ChangeSetName", changeSet.name)
                .text("ChangeSetId", changeSet.id)
                .text("StackId", stack.stackId)
                .text("StackName", stack.name)
                .text("Description", changeSet.description)
                .text("CreationTime", time(changeSet.creationTime))
                .text("ExecutionStatus", changeSet.executionStatus)
                .text("Status", changeSet.status)
                .text("StatusReason", changeSet.statusReason);
        result.members(
                "Parameters",
                changeSet.definition.parameters().entrySet(),
                (p, entry) -> p.text("ParameterKey", entry.getKey()).text("ParameterValue", entry.getValue()));
        if (!changeSet.definition.capabilities().isEmpty()) {
            result.textMembers("Capabilities", changeSet.definition.capabilities());
        }
        if (!changeSet.definition.tags().isEmpty()) {
            result.members(
                    "Tags",
                    changeSet.definition.tags().entrySet(),
                    (t, tag) -> t.text("Key", tag.getKey()).text("Value", tag.getValue()));
        }
        result.members("Changes", changeSet.changes, (member, change) -> {
            member.text("Type", "Resource");
            member.child("ResourceChange")
                    .text("Action", change.action())
                    .text("LogicalResourceId", change.logicalId())
                    .text("PhysicalResourceId", change.physicalId())
                    .text("ResourceType", change.resourceType())
                    .text("Replacement", change.replacement());
        });
    }

    private void listChangeSets(String account, String region, QueryParams params, XmlElement result) {
        Stack stack = existing(account, region, params.required("StackName"));
        result.members(
                "Summaries",
                stack.changeSets.values(),
                (member, changeSet) -> member.text("StackId", stack.stackId)
                        .text("StackName", stack.name)
                        .text("ChangeSetId", changeSet.id)
                        .text("ChangeSetName", changeSet.name)
                        .text("ExecutionStatus", changeSet.executionStatus)
                        .text("Status", changeSet.status)
                        .text("StatusReason", changeSet.statusReason)
                        .text("CreationTime", time(changeSet.creationTime)));
    }

    private void executeChangeSet(String account, String region, QueryParams params) {
        Stack stack = stackOfChangeSet(account, region, params);
        ChangeSet changeSet = changeSet(stack, params.required("ChangeSetName"));
        if (!changeSet.executionStatus.equals("AVAILABLE")) {
            throw new AwsException(
                    400,
                    "InvalidChangeSetStatus",
                    "ChangeSet [" + changeSet.id + "] cannot be executed in its current execution status of ["
                            + changeSet.executionStatus + "]");
        }
        Evaluation evaluation = evaluate(stack, changeSet.definition);
        stack.operator = caller;
        changeSet.executionStatus = "EXECUTE_IN_PROGRESS";
        stack.changeSets.values().stream()
                .filter(other -> other != changeSet)
                .forEach(other -> other.executionStatus = "OBSOLETE");
        Runnable done = () ->
                changeSet.executionStatus = stack.status.endsWith("COMPLETE") && !stack.status.contains("ROLLBACK")
                        ? "EXECUTE_COMPLETE"
                        : "EXECUTE_FAILED";
        if (changeSet.type.equals("CREATE")) {
            stack.definition = changeSet.definition;
            operations.create(stack, evaluation, done);
        } else {
            operations.update(stack, changeSet.definition, evaluation, done);
        }
    }

    private void deleteChangeSet(String account, String region, QueryParams params) {
        Stack stack = stackOfChangeSet(account, region, params);
        ChangeSet changeSet = changeSet(stack, params.required("ChangeSetName"));
        if (changeSet.executionStatus.equals("EXECUTE_IN_PROGRESS")) {
            throw new AwsException(
                    400,
                    "InvalidChangeSetStatus",
                    "ChangeSet [" + changeSet.id
                            + "] cannot be deleted in its current status of [EXECUTE_IN_PROGRESS]");
        }
        stack.changeSets.remove(changeSet.name);
    }

    // ---- shared rules ------------------------------------------------------------------------------------

    /** The resource changes a new definition would make to a stack; empty means nothing to do. */
    private List<ResourceChange> changes(Stack stack, Evaluation evaluation, StackDefinition definition) {
        List<ResourceChange> changes = new ArrayList<>();
        Evaluation.ResourceAttributes known = StackOperations.attributes(stack);
        Set<String> active = new LinkedHashSet<>();
        boolean tagsChanged = stack.definition != null && !Objects.equals(stack.definition.tags(), definition.tags());
        for (ResourceDeclaration resource : evaluation.activeResources()) {
            active.add(resource.logicalId());
            ProvisionedResource existing = stack.resources.get(resource.logicalId());
            if (existing == null) {
                changes.add(new ResourceChange("Add", resource.logicalId(), null, resource.type(), null));
                continue;
            }
            Map<String, Object> properties = resolvedOrNull(evaluation, resource, known);
            boolean differs = properties == null || !existing.properties().equals(properties);
            if (differs || tagsChanged || !existing.type().equals(resource.type())) {
                boolean replace = !existing.type().equals(resource.type())
                        || (properties != null
                                && IamResourceProvisioner.requiresReplacement(
                                        resource.type(), existing.properties(), properties));
                changes.add(new ResourceChange(
                        "Modify",
                        resource.logicalId(),
                        existing.physicalId(),
                        resource.type(),
                        replace ? "True" : "False"));
            }
        }
        for (ProvisionedResource existing : stack.resources.values()) {
            if (!active.contains(existing.logicalId())) {
                changes.add(new ResourceChange(
                        "Remove", existing.logicalId(), existing.physicalId(), existing.type(), null));
            }
        }
        return changes;
    }

    private static Map<String, Object> resolvedOrNull(
            Evaluation evaluation, ResourceDeclaration resource, Evaluation.ResourceAttributes known) {
        try {
            return evaluation.resolveProperties(resource, known);
        } catch (TemplateException e) {
            return null;
        }
    }

    /** Template, parameters, capabilities and tags of a request; UsePrevious* members read the current stack. */
    private StackDefinition definition(QueryParams params, Stack current) {
        String body;
        if (params.bool("UsePreviousTemplate", false)) {
            if (current == null || current.definition == null) {
                throw validation("UsePreviousTemplate can only be used with an existing stack");
            }
            body = current.definition.templateBody();
        } else if (params.has("TemplateBody")) {
            body = params.get("TemplateBody");
        } else if (params.has("TemplateURL")) {
            throw validation("TemplateURL is not supported by the local endpoint; send TemplateBody");
        } else {
            throw validation("Either Template URL or Template Body must be specified.");
        }
        Template template = Template.parse(body);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map<String, String> parameter : params.structs("Parameters")) {
            String key = parameter.get("ParameterKey");
            if (Boolean.parseBoolean(parameter.get("UsePreviousValue"))) {
                if (current == null
                        || current.evaluation == null
                        || !current.evaluation.parameterValues().containsKey(key)) {
                    throw validation("Invalid input for parameter key " + key + ". Cannot specify usePreviousValue as "
                            + "true for a parameter key not in the previous template");
                }
                parameters.put(key, current.evaluation.parameterValues().get(key));
            } else {
                parameters.put(key, parameter.get("ParameterValue"));
            }
        }
        List<String> capabilities = params.list("Capabilities");
        for (String capability : capabilities) {
            if (!KNOWN_CAPABILITIES.contains(capability)) {
                throw validation("1 validation error detected: Value '[" + capability + "]' at 'capabilities' failed "
                        + "to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
                        + "[CAPABILITY_AUTO_EXPAND, CAPABILITY_NAMED_IAM, CAPABILITY_IAM]]");
            }
        }
        Set<String> required = template.requiredCapabilities();
        List<String> missing = new ArrayList<>();
        if (required.contains("CAPABILITY_NAMED_IAM") && !capabilities.contains("CAPABILITY_NAMED_IAM")) {
            missing.add("CAPABILITY_NAMED_IAM");
        } else if (required.contains("CAPABILITY_IAM")
                && !capabilities.contains("CAPABILITY_IAM")
                && !capabilities.contains("CAPABILITY_NAMED_IAM")) {
            missing.add("CAPABILITY_IAM");
        }
        if (!missing.isEmpty()) {
            throw new AwsException(400, "InsufficientCapabilitiesException", "Requires capabilities : " + missing);
        }
        // a non-empty list arrives as Tags.member.N.*, an explicitly empty one as "Tags="; absent keeps the stack's
        boolean tagsGiven = params.has("Tags") || params.has("Tags.member.1.Key");
        Map<String, String> tags = tagsGiven || current == null || current.definition == null
                ? params.keyValues("Tags", "Key", "Value")
                : current.definition.tags();
        if (tags.size() > 50) {
            throw validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 50");
        }
        return new StackDefinition(body, parameters, capabilities, tags);
    }

    private Evaluation evaluate(Stack stack, StackDefinition definition) {
        return Evaluation.bind(
                Template.parse(definition.templateBody()),
                definition.parameters(),
                new Evaluation.StackContext(stack.account, stack.region, stack.name, stack.stackId));
    }

    private Stack newStack(String account, String region, String name, String token) {
        requireStackName(name);
        return new Stack(
                "arn:aws:cloudformation:" + region + ":" + account + ":stack/" + name + "/" + UUID.randomUUID(),
                name,
                account,
                region,
                context.clock().instant(),
                token);
    }

    private static void requireUpdatable(Stack stack) {
        if (stack.isInProgress()
                || stack.status.equals("ROLLBACK_COMPLETE")
                || stack.status.equals("ROLLBACK_FAILED")
                || stack.status.equals("DELETE_FAILED")) {
            throw validation("Stack:" + stack.stackId + " is in " + stack.status + " state and can not be updated.");
        }
    }

    private static void requireStackName(String name) {
        if (!STACK_NAME.matcher(name).matches()) {
            throw validation("1 validation error detected: Value '" + name + "' at 'stackName' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
        }
    }

    private static String stackName(QueryParams params) {
        String name = params.required("StackName");
        requireStackName(name);
        return name;
    }

    /** A live stack by name, or any stack (deleted ones too) by id; null when none. */
    private Stack find(String account, String region, String nameOrId) {
        return StackSearch.find(stacks, account, region, nameOrId);
    }

    private Stack existing(String account, String region, String nameOrId) {
        Stack stack = find(account, region, nameOrId);
        if (stack == null) {
            throw validation("Stack with id " + nameOrId + " does not exist");
        }
        return stack;
    }

    private Stack stackOfChangeSet(String account, String region, QueryParams params) {
        String changeSetName = params.required("ChangeSetName");
        if (changeSetName.startsWith("arn:")) {
            for (Stack stack : stacks) {
                if (visible(stack, account, region)
                        && stack.changeSets.values().stream().anyMatch(c -> c.id.equals(changeSetName))) {
                    return stack;
                }
            }
            throw new AwsException(404, "ChangeSetNotFound", "ChangeSet [" + changeSetName + "] does not exist");
        }
        String stackName = params.get("StackName");
        if (stackName == null) {
            throw validation("StackName must be specified if ChangeSetName is not specified as an ARN.");
        }
        return existing(account, region, stackName);
    }

    private static ChangeSet changeSet(Stack stack, String nameOrId) {
        for (ChangeSet changeSet : stack.changeSets.values()) {
            if (changeSet.name.equals(nameOrId) || changeSet.id.equals(nameOrId)) {
                return changeSet;
            }
        }
        throw new AwsException(404, "ChangeSetNotFound", "ChangeSet [" + nameOrId + "] does not exist");
    }

    private static boolean visible(Stack stack, String account, String region) {
        return StackSearch.visible(stack, account, region);
    }

    private static boolean noEcho(Template template, String parameter) {
        ParameterDeclaration declaration = template.parameters().get(parameter);
        return declaration != null && declaration.noEcho();
    }

    private static String time(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static AwsException validation(String message) {
        return new AwsException(400, "ValidationError", message);
    }
}
