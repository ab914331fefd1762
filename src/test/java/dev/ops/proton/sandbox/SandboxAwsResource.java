package dev.ops.proton.sandbox;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsConfig;
import dev.ops.proton.testing.AccountBootstrap;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.util.Map;

/**
 * The sandbox's AWS: the endpoint named by {@code AWS_ENDPOINT_URL} when set (e.g. a standalone local AWS endpoint
 * injecting faults), otherwise an in-process one on 127.0.0.1:{@code LOCAL_AWS_PORT} (default 4566) that stays up
 * for the AWS CLI. The operator runs as docs/installing.md sets it up: a session of its own role in the management
 * account, with the shipped operator policy ({@link AccountBootstrap}).
 */
public class SandboxAwsResource implements QuarkusTestResourceLifecycleManager {

    static final String OPERATOR_ACCOUNT = "111111111111";
    static volatile URI endpoint;
    static volatile boolean external;
    private LocalAws localAws;

    @Override
    public Map<String, String> start() {
        String given = System.getenv("AWS_ENDPOINT_URL");
        if (given != null && !given.isBlank()) {
            endpoint = URI.create(given.trim());
            external = true;
        } else {
            String port = System.getenv().getOrDefault("LOCAL_AWS_PORT", String.valueOf(LocalAwsConfig.DEFAULT_PORT));
            localAws = LocalAws.start(LocalAwsConfig.embedded().withPort(Integer.parseInt(port.trim())));
            endpoint = localAws.endpoint();
        }
        bootstrap().operator().applyAsSystemProperties();
        return Map.of("proton-operator.aws.endpoint-url", endpoint.toString());
    }

    /** The bootstrap of the sandbox's endpoint, with the shipped policies exactly (the workshop's names). */
    static AccountBootstrap bootstrap() {
        return AccountBootstrap.of(endpoint, OPERATOR_ACCOUNT, AccountBootstrap.Names.shipped());
    }

    @Override
    public void stop() {
        if (localAws != null) {
            localAws.close();
        }
    }
}
