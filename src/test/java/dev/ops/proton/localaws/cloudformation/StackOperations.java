package dev.ops.proton.localaws.cloudformation;

import dev.ops.proton.localaws.cloudformation.template.Evaluation;
import dev.ops.proton.localaws.cloudformation.template.ResourceDeclaration;
import dev.ops.proton.localaws.cloudformation.template.TemplateException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs stack operations (create, update, delete) in the background, one resource step at a time, each after the
 * configured delay, so clients see the IN_PROGRESS states and poll as they do against AWS. A failing resource rolls
 * the stack back the way CloudFormation does (ROLLBACK_COMPLETE after a failed create, UPDATE_ROLLBACK_COMPLETE
 * after a failed update) and leaves events that name the resource and the reason.
 */
final class StackOperations {

    private final Object lock;
    private final ScheduledExecutorService scheduler;
    private final Duration delay;
    private final IamResourceProvisioner provisioner;
    private final Clock clock;

    StackOperations(
            Object lock,
            ScheduledExecutorService scheduler,
            Duration delay,
            IamResourceProvisioner provisioner,
            Clock clock) {
        this.lock = lock;
        this.scheduler = scheduler;
        this.delay = delay;
        this.provisioner = provisioner;
        this.clock = clock;
    }

    /** A sequence of steps run one after the other, each after the delay; a step may replace what follows. */
    private final class Steps {
        private final Deque<Runnable> queue = new ArrayDeque<>();

        Steps then(Runnable step) {
            queue.addLast(step);
            return this;
        }

        void replaceRemaining(List<Runnable> steps) {
            queue.clear();
            queue.addAll(steps);
        }

        void start() {
            scheduleNext();
        }

        private void scheduleNext() {
            if (queue.isEmpty()) {
                return;
            }
            scheduler.schedule(
                    () -> {
                        synchronized (lock) {
                            Runnable step = queue.pollFirst();
                            if (step != null) {
                                step.run();
                            }
                        }
                        scheduleNext();
                    },
                    delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Called under the lock at the start; steps follow in the background. */
    void create(Stack stack, Evaluation evaluation, Runnable onDone) {
        stack.evaluation = evaluation;
        stack.operationTags = stack.definition == null ? Map.of() : stack.definition.tags();
        setStatus(stack, "CREATE_IN_PROGRESS", "User Initiated");
        Steps steps = new Steps();
        for (ResourceDeclaration resource : evaluation.activeResources()) {
            steps.then(() -> {
                event(stack, resource.logicalId(), null, resource.type(), "CREATE_IN_PROGRESS", null);
                try {
                    ProvisionedResource created = provisioner.create(
                            stack,
                            resource.logicalId(),
                            resource.type(),
                            evaluation.resolveProperties(resource, attributes(stack)));
                    stack.resources.put(resource.logicalId(), created);
                    event(stack, resource.logicalId(), created.physicalId(), resource.type(), "CREATE_COMPLETE", null);
                } catch (IamResourceProvisioner.ResourceFailure | TemplateException e) {
                    event(stack, resource.logicalId(), "", resource.type(), "CREATE_FAILED", e.getMessage());
                    setStatus(
                            stack,
                            "ROLLBACK_IN_PROGRESS",
                            "The following resource(s) failed to create: [" + resource.logicalId()
                                    + "]. Rollback requested by user.");
                    steps.replaceRemaining(rollbackCreate(stack, onDone));
                }
            });
        }
        steps.then(() -> {
            stack.outputs = outputsOrFail(stack, evaluation);
            if (stack.status.equals("CREATE_IN_PROGRESS")) {
                setStatus(stack, "CREATE_COMPLETE", null);
                onDone.run();
            } else {
                steps.replaceRemaining(rollbackCreate(stack, onDone));
            }
        });
        steps.start();
    }

    private List<Runnable> rollbackCreate(Stack stack, Runnable onDone) {
        List<Runnable> steps = new ArrayList<>();
        List<ProvisionedResource> created = new ArrayList<>(stack.resources.values());
        Collections.reverse(created);
        for (ProvisionedResource resource : created) {
            steps.add(() -> deleteResource(stack, resource));
        }
        steps.add(() -> {
            setStatus(stack, "ROLLBACK_COMPLETE", null);
            onDone.run();
        });
        return steps;
    }

    /** Called under the lock at the start; steps follow in the background. */
    void update(Stack stack, ChangeSet.StackDefinition definition, Evaluation evaluation, Runnable onDone) {
        stack.operationTags = definition.tags();
        Map<String, ProvisionedResource> before = new LinkedHashMap<>(stack.resources);
        List<String> added = new ArrayList<>();
        Map<String, ProvisionedResource> modified = new LinkedHashMap<>();
        Map<String, ProvisionedResource> replaced = new LinkedHashMap<>();
        setStatus(stack, "UPDATE_IN_PROGRESS", "User Initiated");
        Steps steps = new Steps();
        for (ResourceDeclaration resource : evaluation.activeResources()) {
            steps.then(() -> {
                ProvisionedResource existing = stack.resources.get(resource.logicalId());
                try {
                    Map<String, Object> properties = evaluation.resolveProperties(resource, attributes(stack));
                    if (existing != null
                            && existing.type().equals(resource.type())
                            && Objects.equals(existing.properties(), properties)) {
                        return;
                    }
                    boolean replace = existing != null
                            && (!existing.type().equals(resource.type())
                                    || IamResourceProvisioner.requiresReplacement(
                                            resource.type(), existing.properties(), properties));
                    if (existing == null || replace) {
                        event(
                                stack,
                                resource.logicalId(),
                                null,
                                resource.type(),
                                existing == null ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS",
                                replace
                                        ? "Requested update requires "
                                                + "the creation of a new physical resource; hence creating one."
                                        : null);
                        ProvisionedResource created =
                                provisioner.create(stack, resource.logicalId(), resource.type(), properties);
                        stack.resources.put(resource.logicalId(), created);
                        if (replace) {
                            replaced.put(resource.logicalId(), existing);
                        } else {
                            added.add(resource.logicalId());
                        }
                        event(
                                stack,
                                resource.logicalId(),
                                created.physicalId(),
                                resource.type(),
                                replace ? "UPDATE_COMPLETE" : "CREATE_COMPLETE",
                                null);
                    } else {
                        event(
                                stack,
                                resource.logicalId(),
                                existing.physicalId(),
                                resource.type(),
                                "UPDATE_IN_PROGRESS",
                                null);
                        modified.put(resource.logicalId(), existing);
                        ProvisionedResource updated = provisioner.update(stack, existing, properties);
                        stack.resources.put(resource.logicalId(), updated);
                        event(
                                stack,
                                resource.logicalId(),
                                updated.physicalId(),
                                resource.type(),
                                "UPDATE_COMPLETE",
                                null);
                    }
                } catch (IamResourceProvisioner.ResourceFailure | TemplateException e) {
                    event(
                            stack,
                            resource.logicalId(),
                            existing == null ? "" : existing.physicalId(),
                            resource.type(),
                            existing == null ? "CREATE_FAILED" : "UPDATE_FAILED",
                            e.getMessage());
                    setStatus(
                            stack,
                            "UPDATE_ROLLBACK_IN_PROGRESS",
                            "The following resource(s) failed to " + (existing == null ? "create" : "update") + ": ["
                                    + resource.logicalId() + "].");
                    steps.replaceRemaining(rollbackUpdate(stack, before, added, modified, replaced, onDone));
                }
            });
        }
        steps.then(() -> {
            if (!stack.status.equals("UPDATE_IN_PROGRESS")) {
                return;
            }
            Map<String, Evaluation.Output> outputs = outputsOrFail(stack, evaluation);
            if (!stack.status.equals("UPDATE_IN_PROGRESS")) {
                steps.replaceRemaining(rollbackUpdate(stack, before, added, modified, replaced, onDone));
                return;
            }
            setStatus(stack, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null);
            List<ProvisionedResource> obsolete = new ArrayList<>(replaced.values());
            List<String> active = evaluation.activeResources().stream()
                    .map(ResourceDeclaration::logicalId)
                    .toList();
            for (ProvisionedResource old : before.values()) {
                if (!active.contains(old.logicalId())) {
                    obsolete.add(old);
                }
            }
            Collections.reverse(obsolete);
            List<Runnable> cleanup = new ArrayList<>();
            for (ProvisionedResource old : obsolete) {
                cleanup.add(() -> {
                    deleteResource(stack, old);
                    if (!active.contains(old.logicalId())) {
                        stack.resources.remove(old.logicalId());
                    }
                });
            }
            cleanup.add(() -> {
                stack.definition = definition;
                stack.evaluation = evaluation;
                stack.outputs = outputs;
                stack.lastUpdatedTime = clock.instant();
                setStatus(stack, "UPDATE_COMPLETE", null);
                onDone.run();
            });
            steps.replaceRemaining(cleanup);
        });
        steps.start();
    }

    private List<Runnable> rollbackUpdate(
            Stack stack,
            Map<String, ProvisionedResource> before,
            List<String> added,
            Map<String, ProvisionedResource> modified,
            Map<String, ProvisionedResource> replaced,
            Runnable onDone) {
        List<Runnable> steps = new ArrayList<>();
        List<String> addedNewestFirst = new ArrayList<>(added);
        Collections.reverse(addedNewestFirst);
        for (String logicalId : addedNewestFirst) {
            steps.add(() -> {
                ProvisionedResource resource = stack.resources.remove(logicalId);
                if (resource != null) {
                    deleteResource(stack, resource);
                }
            });
        }
        modified.forEach((logicalId, old) -> steps.add(() -> {
            event(stack, logicalId, old.physicalId(), old.type(), "UPDATE_IN_PROGRESS", null);
            try {
                provisioner.update(stack, stack.resources.get(logicalId), old.properties());
                event(stack, logicalId, old.physicalId(), old.type(), "UPDATE_COMPLETE", null);
            } catch (IamResourceProvisioner.ResourceFailure e) {
                event(stack, logicalId, old.physicalId(), old.type(), "UPDATE_FAILED", e.getMessage());
            }
            stack.resources.put(logicalId, old);
        }));
        replaced.forEach((logicalId, old) -> steps.add(() -> {
            ProvisionedResource replacement = stack.resources.put(logicalId, old);
            if (replacement != null) {
                deleteResource(stack, replacement);
            }
        }));
        steps.add(() -> {
            stack.resources = new LinkedHashMap<>(before);
            setStatus(stack, "UPDATE_ROLLBACK_COMPLETE", null);
            onDone.run();
        });
        return steps;
    }

    /** Called under the lock at the start; steps follow in the background. */
    void delete(Stack stack, Runnable onDone) {
        setStatus(stack, "DELETE_IN_PROGRESS", "User Initiated");
        Steps steps = new Steps();
        List<ProvisionedResource> resources = new ArrayList<>(stack.resources.values());
        Collections.reverse(resources);
        for (ProvisionedResource resource : resources) {
            steps.then(() -> {
                if (!stack.status.equals("DELETE_IN_PROGRESS")) {
                    return;
                }
                if (deleteResource(stack, resource)) {
                    stack.resources.remove(resource.logicalId());
                } else {
                    setStatus(
                            stack,
                            "DELETE_FAILED",
                            "The following resource(s) failed to delete: [" + resource.logicalId() + "]. ");
                    onDone.run();
                }
            });
        }
        steps.then(() -> {
            if (stack.status.equals("DELETE_IN_PROGRESS")) {
                stack.deletionTime = clock.instant();
                setStatus(stack, "DELETE_COMPLETE", null);
                onDone.run();
            }
        });
        steps.start();
    }

    private boolean deleteResource(Stack stack, ProvisionedResource resource) {
        event(stack, resource.logicalId(), resource.physicalId(), resource.type(), "DELETE_IN_PROGRESS", null);
        try {
            provisioner.delete(stack, resource);
            event(stack, resource.logicalId(), resource.physicalId(), resource.type(), "DELETE_COMPLETE", null);
            return true;
        } catch (IamResourceProvisioner.ResourceFailure e) {
            event(stack, resource.logicalId(), resource.physicalId(), resource.type(), "DELETE_FAILED", e.getMessage());
            return false;
        }
    }

    private Map<String, Evaluation.Output> outputsOrFail(Stack stack, Evaluation evaluation) {
        try {
            return evaluation.resolveOutputs(attributes(stack));
        } catch (TemplateException e) {
            String failed = stack.status.startsWith("UPDATE") ? "UPDATE_ROLLBACK_IN_PROGRESS" : "ROLLBACK_IN_PROGRESS";
            setStatus(stack, failed, e.getMessage());
            return Map.of();
        }
    }

    static Evaluation.ResourceAttributes attributes(Stack stack) {
        return new Evaluation.ResourceAttributes() {
            @Override
            public String ref(String logicalId) {
                ProvisionedResource resource = stack.resources.get(logicalId);
                return resource == null ? null : resource.physicalId();
            }

            @Override
            public String attribute(String logicalId, String attribute) {
                ProvisionedResource resource = stack.resources.get(logicalId);
                return resource == null ? null : resource.attributes().get(attribute);
            }
        };
    }

    void setStatus(Stack stack, String status, String reason) {
        stack.status = status;
        stack.statusReason = reason;
        event(stack, stack.name, stack.stackId, "AWS::CloudFormation::Stack", status, reason);
    }

    private void event(Stack stack, String logicalId, String physicalId, String type, String status, String reason) {
        stack.events.add(new StackEvent(
                UUID.randomUUID().toString(), logicalId, physicalId, type, clock.instant(), status, reason));
    }
}
