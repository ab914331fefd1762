package dev.ops.proton.testing;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.Map;

/**
 * Starts an in-process local AWS endpoint before Quarkus boots, points the operator at it, and gives the operator
 * its own identity as docs/installing.md does: a session of the role {@value AccountBootstrap#OPERATOR_ROLE} in
 * {@value #OPERATOR_ACCOUNT} with the shipped operator policy ({@link AccountBootstrap}), through the SDK default
 * chain's system properties. Tests get the endpoint with a field annotated {@link InjectLocalAws}.
 */
public class LocalAwsTestResource implements QuarkusTestResourceLifecycleManager {

    /** The account the operator itself runs as (the "cluster account"). */
    public static final String OPERATOR_ACCOUNT = "123456789012";

    private LocalAws localAws;

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectLocalAws {}

    @Override
    public Map<String, String> start() {
        localAws = LocalAws.start(LocalAwsConfig.embedded().withStackOperationDelay(Duration.ofMillis(20)));
        bootstrap(localAws).operator().applyAsSystemProperties();
        return Map.of("proton-operator.aws.endpoint-url", localAws.endpoint().toString());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                localAws, new TestInjector.AnnotatedAndMatchesType(InjectLocalAws.class, LocalAws.class));
    }

    @Override
    public void stop() {
        if (localAws != null) {
            localAws.close();
        }
        AccountBootstrap.OperatorCredentials.clearSystemProperties();
    }

    /**
     * The bootstrap of the tests' endpoint. Test suites deploy stacks of many names and inline templates with roles of
     * their own, so the environment-account policy's stack and role names are opened up ({@link
     * AccountBootstrap.Names#any()}); every action and condition stays the shipped one.
     */
    public static AccountBootstrap bootstrap(LocalAws localAws) {
        return AccountBootstrap.of(localAws.endpoint(), OPERATOR_ACCOUNT, AccountBootstrap.Names.any());
    }
}
