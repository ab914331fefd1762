#!/usr/bin/env bash
# The Proton workshop's manual account-connection flow, done with the AWS CLI against a local AWS endpoint.
# Usage: workshop-flow.sh <endpoint-url> <template-file>
# Prints one "ok: ..." line per checked step; exits non-zero at the first deviation from AWS's behaviour.
set -euo pipefail

endpoint="$1"
template="$2"
management=111111111111
environment=222222222222
stack=AWSProtonWorkshop-AccountConnectionRoles
env_name="multi-svc-${environment}"

as_account() {
  local account="$1"; shift
  env -u AWS_PROFILE -u AWS_SESSION_TOKEN AWS_ACCESS_KEY_ID="$account" AWS_SECRET_ACCESS_KEY=test \
    AWS_DEFAULT_REGION=us-east-1 AWS_PAGER= \
    aws --endpoint-url "$endpoint" --region us-east-1 --output json "$@"
}

expect_failure() {
  local expected="$1"; shift
  local output
  if output="$("$@" 2>&1)"; then
    echo "FAIL: expected $expected, but the command succeeded: $*" >&2
    exit 1
  fi
  if ! grep -q -- "$expected" <<<"$output"; then
    echo "FAIL: expected $expected, got: $output" >&2
    exit 1
  fi
}

# Step 1, refusal: IAM resources with explicit names need CAPABILITY_NAMED_IAM.
expect_failure "InsufficientCapabilities" \
  as_account "$environment" cloudformation deploy --template-file "$template" --stack-name "$stack" \
    --parameter-overrides "EnvironmentAccountId=${management}"
echo "ok: deploy without capabilities is refused"

# Step 1: deploy the role stack into the environment account.
as_account "$environment" cloudformation deploy --template-file "$template" --stack-name "$stack" \
  --parameter-overrides "EnvironmentAccountId=${management}" \
  --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM >/dev/null
status="$(as_account "$environment" cloudformation describe-stacks --stack-name "$stack" | jq -r '.Stacks[0].StackStatus')"
[ "$status" = "CREATE_COMPLETE" ] || { echo "FAIL: stack status $status" >&2; exit 1; }
echo "ok: role stack deployed ($status)"

# Deploying again without changes executes nothing.
again="$(as_account "$environment" cloudformation deploy --template-file "$template" --stack-name "$stack" \
  --parameter-overrides "EnvironmentAccountId=${management}" --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM \
  --no-fail-on-empty-changeset 2>&1)"
grep -q "No changes to deploy" <<<"$again" || { echo "FAIL: redeploy said: $again" >&2; exit 1; }
echo "ok: redeploy without changes: No changes to deploy"

# The first output is the switch-role sign-in URL.
switch_url="$(as_account "$environment" cloudformation describe-stacks --stack-name "$stack" | jq -r '.Stacks[0].Outputs[0].OutputValue')"
grep -q "^https://signin.aws.amazon.com/switchrole" <<<"$switch_url" || { echo "FAIL: first output $switch_url" >&2; exit 1; }
echo "ok: first output is the switch-role URL"
role_arn="$(as_account "$environment" cloudformation describe-stacks --stack-name "$stack" \
  | jq -r '.Stacks[0].Outputs[] | select(.OutputKey=="ProtonRoleArn") | .OutputValue')"
as_account "$environment" iam get-role --role-name "${role_arn##*/}" >/dev/null
echo "ok: Proton role exists: $role_arn"

# The workshop's switch-role step: an administrator of the management account assumes the sign-in role, and the
# session credentials (signed by the CLI, checked by the endpoint) act in the environment account.
signin_arn="$(as_account "$environment" cloudformation describe-stacks --stack-name "$stack" \
  | jq -r '.Stacks[0].Outputs[] | select(.OutputKey=="SignInRoleArn") | .OutputValue')"
session="$(as_account "$management" sts assume-role --role-arn "$signin_arn" --role-session-name workshop-admin)"
switched_arn="$(env -u AWS_PROFILE AWS_ACCESS_KEY_ID="$(jq -r .Credentials.AccessKeyId <<<"$session")" \
  AWS_SECRET_ACCESS_KEY="$(jq -r .Credentials.SecretAccessKey <<<"$session")" \
  AWS_SESSION_TOKEN="$(jq -r .Credentials.SessionToken <<<"$session")" \
  aws --endpoint-url "$endpoint" --region us-east-1 --output json sts get-caller-identity | jq -r .Arn)"
[ "$switched_arn" = "arn:aws:sts::${environment}:assumed-role/${signin_arn##*/}/workshop-admin" ] \
  || { echo "FAIL: switched identity $switched_arn" >&2; exit 1; }
echo "ok: switched into the environment account with session credentials: $switched_arn"
expect_failure "AccessDenied" as_account 333333333333 sts assume-role --role-arn "$signin_arn" --role-session-name intruder
echo "ok: a third account can't assume the sign-in role"

# The stack is invisible from another account.
expect_failure "does not exist" as_account "$management" cloudformation describe-stacks --stack-name "$stack"
echo "ok: the management account can't see the environment account's stack"

# Step 2: request the connection from the environment account.
connection_id="$(as_account "$environment" proton create-environment-account-connection \
  --management-account-id "$management" --environment-name "$env_name" --role-arn "$role_arn" \
  | jq -r '.environmentAccountConnection.id')"
echo "ok: connection requested: $connection_id"

# Only the management account can accept.
expect_failure "AccessDenied" as_account "$environment" proton accept-environment-account-connection --id "$connection_id"
echo "ok: the environment account can't accept"

# Step 3: the management account sees the pending request and accepts it.
pending="$(as_account "$management" proton list-environment-account-connections --requested-by MANAGEMENT_ACCOUNT \
  | jq -r --arg id "$connection_id" '.environmentAccountConnections[] | select(.id==$id) | .status')"
[ "$pending" = "PENDING" ] || { echo "FAIL: listed status $pending" >&2; exit 1; }
echo "ok: management account lists it PENDING"
as_account "$management" proton accept-environment-account-connection --id "$connection_id" >/dev/null
state="$(as_account "$management" proton get-environment-account-connection --id "$connection_id" \
  | jq -r '.environmentAccountConnection.status')"
[ "$state" = "CONNECTED" ] || { echo "FAIL: state after accept $state" >&2; exit 1; }
echo "ok: accepted: $state"

# An unrelated account can't see it.
expect_failure "ResourceNotFound" as_account 333333333333 proton get-environment-account-connection --id "$connection_id"
echo "ok: a third account can't see the connection"

# The management account can't delete; the environment account can.
expect_failure "AccessDenied" as_account "$management" proton delete-environment-account-connection --id "$connection_id"
echo "ok: the management account can't delete"
as_account "$environment" proton delete-environment-account-connection --id "$connection_id" >/dev/null
echo "ok: deleted from the environment account"
