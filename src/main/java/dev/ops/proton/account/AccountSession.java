package dev.ops.proton.account;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * A verified way to act in one account: its id, its region and the credentials the AwsAccount grants.
 *
 * @param accountName the AwsAccount's name
 * @param accountId the 12-digit account id
 * @param region the region to act in
 * @param credentials the cached credentials provider of that AwsAccount
 */
public record AccountSession(String accountName, String accountId, String region, AwsCredentialsProvider credentials) {}
