package dev.ops.proton.localaws.proton;

import dev.ops.proton.localaws.AwsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Proton's environment account connections and environments, with the rules of which account may do what: the
 * environment account requests, updates and deletes; the management account accepts or rejects a PENDING request;
 * only the two accounts see a connection, in its region. Client tokens make Create idempotent for 8 hours.
 * Undocumented choices: accept/reject of a non-PENDING connection and a second live connection for the same
 * (management account, environment name) are ConflictExceptions.
 */
final class ProtonStore {

    static final int CONNECTION_QUOTA = 1000;
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(8);

    /** What a Create asked for; a reused client token must ask for the same. */
    record CreateRequest(
            String environmentAccountId,
            String region,
            String managementAccountId,
            String environmentName,
            String roleArn,
            String codebuildRoleArn,
            String componentRoleArn,
            Map<String, String> tags) {}

    private record TokenUse(CreateRequest request, String connectionId, Instant issuedAt, Connection original) {}

    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, TokenUse> tokens = new LinkedHashMap<>();
    private final Map<String, Environment> environments = new LinkedHashMap<>();
    private final Clock clock;

    ProtonStore(Clock clock) {
        this.clock = clock;
    }

    synchronized Connection create(CreateRequest request, String clientToken) {
        Instant now = clock.instant();
        String tokenKey = request.environmentAccountId() + "/" + request.region() + "/" + clientToken;
        if (clientToken != null && !clientToken.isEmpty()) {
            TokenUse used = tokens.get(tokenKey);
            if (used != null && used.issuedAt().plus(TOKEN_LIFETIME).isAfter(now)) {
                if (!used.request().equals(request)) {
                    throw new AwsException(
                            400,
                            "ValidationException",
                            "The client token " + clientToken + " was already used with different parameters");
                }
                return connections.getOrDefault(used.connectionId(), used.original());
            }
        }
        if (request.managementAccountId().equals(request.environmentAccountId())) {
            throw new AwsException(
                    400,
                    "ValidationException",
                    "managementAccountId must be a different account than the environment account");
        }
        boolean duplicate = connections.values().stream()
                .anyMatch(c -> c.isLive()
                        && c.region().equals(request.region())
                        && c.environmentAccountId().equals(request.environmentAccountId())
                        && c.managementAccountId().equals(request.managementAccountId())
                        && c.environmentName().equals(request.environmentName()));
        if (duplicate) {
            throw new AwsException(
                    400,
                    "ConflictException",
                    "An environment account connection for environment "
                            + request.environmentName() + " and management account " + request.managementAccountId()
                            + " already exists");
        }
        long owned = connections.values().stream()
                .filter(c -> c.environmentAccountId().equals(request.environmentAccountId()))
                .count();
        if (owned >= CONNECTION_QUOTA) {
            throw new AwsException(
                    400,
                    "ServiceQuotaExceededException",
                    "Environment account connections quota of " + CONNECTION_QUOTA + " reached");
        }
        String id = UUID.randomUUID().toString();
        Connection connection = new Connection(
                id,
                "arn:aws:proton:" + request.region() + ":" + request.environmentAccountId()
                        + ":environment-account-connection/" + id,
                request.region(),
                request.environmentAccountId(),
                request.managementAccountId(),
                request.environmentName(),
                request.roleArn(),
                request.codebuildRoleArn(),
                request.componentRoleArn(),
                "PENDING",
                now,
                now,
                request.tags());
        connections.put(id, connection);
        if (clientToken != null && !clientToken.isEmpty()) {
            tokens.put(tokenKey, new TokenUse(request, id, now, connection));
        }
        return connection;
    }

    synchronized Connection get(String account, String region, String id) {
        Connection connection = connections.get(id);
        if (connection == null || !connection.isVisibleTo(account, region)) {
            throw notFound("environment account connection " + id);
        }
        return connection;
    }

    synchronized List<Connection> list(
            String account,
            String region,
            boolean asEnvironmentAccount,
            String environmentName,
            List<String> statuses) {
        List<Connection> result = new ArrayList<>();
        for (Connection c : connections.values()) {
            boolean side = asEnvironmentAccount
                    ? c.environmentAccountId().equals(account)
                    : c.managementAccountId().equals(account);
            if (side
                    && c.region().equals(region)
                    && (environmentName == null || environmentName.equals(c.environmentName()))
                    && (statuses.isEmpty() || statuses.contains(c.status()))) {
                result.add(c);
            }
        }
        result.sort(Comparator.comparing(Connection::requestedAt).thenComparing(Connection::id));
        return result;
    }

    synchronized Connection update(
            String account,
            String region,
            String id,
            String roleArn,
            String codebuildRoleArn,
            String componentRoleArn) {
        Connection connection = requireEnvironmentAccount(account, region, id, "update");
        if (!connection.isLive()) {
            throw new AwsException(400, "ConflictException", "Connection " + id + " was rejected and can't be updated");
        }
        Connection updated = connection.withRoles(
                roleArn != null ? roleArn : connection.roleArn(),
                codebuildRoleArn != null ? emptyToNull(codebuildRoleArn) : connection.codebuildRoleArn(),
                componentRoleArn != null ? emptyToNull(componentRoleArn) : connection.componentRoleArn(),
                clock.instant());
        connections.put(id, updated);
        return updated;
    }

    synchronized Connection accept(String account, String region, String id) {
        Connection connection = requirePendingForManagement(account, region, id, "accept");
        Connection accepted = connection.withStatus("CONNECTED", clock.instant());
        connections.put(id, accepted);
        return accepted;
    }

    synchronized Connection reject(String account, String region, String id) {
        Connection connection = requirePendingForManagement(account, region, id, "reject");
        if (environments.values().stream().anyMatch(e -> id.equals(e.connectionId()))) {
            throw new AwsException(
                    400, "ConflictException", "Connection " + id + " is used by an environment and can't be rejected");
        }
        Connection rejected = connection.withStatus("REJECTED", clock.instant());
        connections.put(id, rejected);
        return rejected;
    }

    synchronized Connection delete(String account, String region, String id) {
        Connection connection = requireEnvironmentAccount(account, region, id, "delete");
        connections.remove(id);
        return connection;
    }

    synchronized Connection tag(String account, String region, String arn, Map<String, String> tags) {
        Connection connection = requireEnvironmentAccount(account, region, idOfArn(arn), "tag");
        Map<String, String> merged = new LinkedHashMap<>(connection.tags());
        merged.putAll(tags);
        if (merged.size() > 50) {
            throw new AwsException(400, "ValidationException", "A resource can have at most 50 tags");
        }
        Connection tagged = connection.withTags(merged);
        connections.put(tagged.id(), tagged);
        return tagged;
    }

    synchronized Connection untag(String account, String region, String arn, List<String> keys) {
        Connection connection = requireEnvironmentAccount(account, region, idOfArn(arn), "untag");
        Map<String, String> remaining = new LinkedHashMap<>(connection.tags());
        keys.forEach(remaining::remove);
        Connection untagged = connection.withTags(remaining);
        connections.put(untagged.id(), untagged);
        return untagged;
    }

    synchronized Connection byArn(String account, String region, String arn) {
        Connection connection = get(account, region, idOfArn(arn));
        if (!connection.arn().equals(arn)) {
            throw notFound("resource " + arn);
        }
        return connection;
    }

    synchronized Environment createEnvironment(Environment environment) {
        String key = environmentKey(environment.managementAccountId(), environment.region(), environment.name());
        if (environments.containsKey(key)) {
            throw new AwsException(400, "ConflictException", "Environment " + environment.name() + " already exists");
        }
        if (environment.connectionId() != null) {
            Connection connection = connections.get(environment.connectionId());
            if (connection == null
                    || !connection.managementAccountId().equals(environment.managementAccountId())
                    || !connection.region().equals(environment.region())) {
                throw notFound("environment account connection " + environment.connectionId());
            }
            if (!"CONNECTED".equals(connection.status())) {
                throw new AwsException(
                        400,
                        "ValidationException",
                        "Environment account connection " + connection.id() + " is " + connection.status()
                                + ", not CONNECTED");
            }
        }
        environments.put(key, environment);
        return environment;
    }

    synchronized Environment getEnvironment(String account, String region, String name) {
        Environment environment = environments.get(environmentKey(account, region, name));
        if (environment == null) {
            throw notFound("environment " + name);
        }
        return environment;
    }

    synchronized List<Environment> listEnvironments(String account, String region) {
        List<Environment> result = new ArrayList<>();
        for (Environment e : environments.values()) {
            if (e.managementAccountId().equals(account) && e.region().equals(region)) {
                result.add(e);
            }
        }
        result.sort(Comparator.comparing(Environment::name));
        return result;
    }

    synchronized Environment deleteEnvironment(String account, String region, String name) {
        Environment environment = getEnvironment(account, region, name);
        environments.remove(environmentKey(account, region, name));
        return environment;
    }

    synchronized Optional<Connection> find(String id) {
        return Optional.ofNullable(connections.get(id));
    }

    private Connection requireEnvironmentAccount(String account, String region, String id, String action) {
        Connection connection = get(account, region, id);
        if (!connection.environmentAccountId().equals(account)) {
            throw new AwsException(
                    400,
                    "AccessDeniedException",
                    "Only the environment account " + connection.environmentAccountId() + " can " + action
                            + " environment account connection " + id);
        }
        return connection;
    }

    private Connection requirePendingForManagement(String account, String region, String id, String action) {
        Connection connection = get(account, region, id);
        if (!connection.managementAccountId().equals(account)) {
            throw new AwsException(
                    400,
                    "AccessDeniedException",
                    "Only the management account " + connection.managementAccountId() + " can " + action
                            + " environment account connection " + id);
        }
        if (!"PENDING".equals(connection.status())) {
            throw new AwsException(
                    400,
                    "ConflictException",
                    "Environment account connection " + id + " is " + connection.status()
                            + "; only a PENDING connection can be " + action + "ed");
        }
        return connection;
    }

    private static String idOfArn(String arn) {
        int slash = arn == null ? -1 : arn.lastIndexOf("environment-account-connection/");
        if (slash < 0) {
            throw notFound("resource " + arn);
        }
        return arn.substring(slash + "environment-account-connection/".length());
    }

    private static String environmentKey(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    private static String emptyToNull(String value) {
        return Objects.requireNonNullElse(value, "").isEmpty() ? null : value;
    }

    static AwsException notFound(String what) {
        return new AwsException(400, "ResourceNotFoundException", "The " + what + " was not found");
    }
}
