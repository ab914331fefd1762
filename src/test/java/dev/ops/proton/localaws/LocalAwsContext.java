package dev.ops.proton.localaws;

import dev.ops.proton.localaws.auth.CredentialStore;
import dev.ops.proton.localaws.authz.Authorizer;
import dev.ops.proton.localaws.iam.IamStore;
import java.time.Clock;
import java.time.Duration;

/**
 * What the services of one local AWS endpoint share: the clock, the credentials STS issued, the IAM roles and
 * policies of every account, the authorizer that evaluates them, and the configured CloudFormation resource delay.
 */
public record LocalAwsContext(
        Clock clock, CredentialStore credentials, IamStore iam, Authorizer authorizer, Duration stackOperationDelay) {}
