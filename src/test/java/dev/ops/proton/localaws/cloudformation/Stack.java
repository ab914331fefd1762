package dev.ops.proton.localaws.cloudformation;

import dev.ops.proton.localaws.auth.Caller;
import dev.ops.proton.localaws.cloudformation.template.Evaluation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stack's state. Mutable, and only touched under the CloudFormation service's lock: API calls and the
 * background steps of stack operations both change it.
 */
final class Stack {

    final String stackId;
    final String name;
    final String account;
    final String region;
    final Instant creationTime;
    final String createToken;
    String status;
    String statusReason;
    Instant lastUpdatedTime;
    Instant deletionTime;
    ChangeSet.StackDefinition definition;
    Evaluation evaluation;
    boolean terminationProtection;
    /**
     * Who started the current operation: without a service role, CloudFormation makes each resource's calls with
     * this caller's permissions.
     */
    Caller operator;
    /** The stack tags of the current operation, which CloudFormation propagates to the resources it creates. */
    Map<String, String> operationTags = Map.of();

    Map<String, ProvisionedResource> resources = new LinkedHashMap<>();
    Map<String, Evaluation.Output> outputs = new LinkedHashMap<>();
    final List<StackEvent> events = new ArrayList<>();
    final Map<String, ChangeSet> changeSets = new LinkedHashMap<>();

    Stack(String stackId, String name, String account, String region, Instant creationTime, String createToken) {
        this.stackId = stackId;
        this.name = name;
        this.account = account;
        this.region = region;
        this.creationTime = creationTime;
        this.createToken = createToken;
    }

    boolean isDeleted() {
        return "DELETE_COMPLETE".equals(status);
    }

    boolean isInProgress() {
        return status.endsWith("_IN_PROGRESS") && !"REVIEW_IN_PROGRESS".equals(status);
    }
}
