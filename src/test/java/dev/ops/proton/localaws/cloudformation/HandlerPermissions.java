package dev.ops.proton.localaws.cloudformation;

import dev.ops.proton.localaws.authz.Authorizer;
import dev.ops.proton.localaws.authz.RequestContext;
import dev.ops.proton.localaws.authz.TagKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The IAM calls one resource handler step will make, authorized as CloudFormation does without a service role: with
 * the permissions of whoever started the stack operation. Every call of a step is checked before any is made, so a
 * denial fails the resource without leaving half of it behind; the failure reads as CloudFormation reports an IAM
 * AccessDenied from a resource handler, naming the denied action.
 */
final class HandlerPermissions {

    private final Authorizer authorizer;

    HandlerPermissions(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    /** A step's calls, collected then checked together by {@link #check}. */
    final class Step {
        private final Stack stack;
        private final List<RequestContext> pending = new ArrayList<>();

        private Step(Stack stack) {
            this.stack = stack;
        }

        Step needs(String action, String resourceArn) {
            pending.add(RequestContext.of(action, resourceArn));
            return this;
        }

        Step needsTagged(String action, String resourceArn, Map<String, String> tags) {
            pending.add(TagKeys.withRequestTags(RequestContext.of(action, resourceArn), tags));
            return this;
        }

        Step needsPolicy(String action, String roleArn, String policyArn) {
            pending.add(RequestContext.of(action, roleArn).with("iam:PolicyARN", policyArn));
            return this;
        }

        /** Throws the handler failure of the first call the operator may not make. */
        void check() {
            if (stack.operator == null) {
                return;
            }
            for (RequestContext request : pending) {
                authorizer.denial(stack.operator, request).ifPresent(message -> {
                    throw new IamResourceProvisioner.ResourceFailure("Resource handler returned message: \""
                            + message + " (Service: Iam, Status Code: 403, Request ID: " + UUID.randomUUID()
                            + ")\" (HandlerErrorCode: AccessDenied)");
                });
            }
        }
    }

    Step step(Stack stack) {
        return new Step(stack);
    }
}
