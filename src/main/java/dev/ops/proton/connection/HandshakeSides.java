package dev.ops.proton.connection;

import dev.ops.proton.account.AccountSession;

/**
 * The two accounts of one reconcile, for messages naming who acted or failed.
 *
 * @param management the management account's session, null when the operator may not act there
 * @param roles the resolved role ARNs, null while deleting (roles are not resolved then)
 */
record HandshakeSides(
        AccountSession environment, AccountSession management, String managementAccountId, ConnectionRoleArns roles) {

    String environmentSide() {
        return "environment account " + environment.accountId() + " (AwsAccount " + environment.accountName()
                + (roles == null ? "" : ", role " + roles.roleArn()) + ")";
    }

    String managementSide() {
        return "management account " + managementAccountId
                + (management == null ? "" : " (AwsAccount " + management.accountName() + ")");
    }
}
