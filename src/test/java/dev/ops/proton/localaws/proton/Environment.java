package dev.ops.proton.localaws.proton;

import java.time.Instant;

/**
 * A Proton environment, modelled only as far as the connection rules need: which management account owns it and
 * which environment account connection (if any) it provisions through.
 */
record Environment(
        String name,
        String arn,
        String region,
        String managementAccountId,
        String templateName,
        String templateMajorVersion,
        String templateMinorVersion,
        String connectionId,
        String environmentAccountId,
        String protonServiceRoleArn,
        Instant createdAt) {}
