package dev.ops.proton.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Records Kubernetes Events for the AWS actions the operator takes and the failures it meets, so
 * {@code kubectl describe} tells the story. Best effort: a failed event write is logged, never fails a reconcile.
 * Events of cluster-scoped resources go to the {@code default} namespace, as Kubernetes does.
 */
@ApplicationScoped
public class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final String COMPONENT = "proton-connection-operator";

    private final KubernetesClient client;
    private final Clock clock = Clock.systemUTC();

    public EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Records the move to a new summary (a new Ready reason): Normal when ready, Warning when stalled, and logs it.
     * Repeated reconciles with the same outcome record nothing.
     */
    public void progressChanged(HasMetadata resource, List<Condition> before, Progress progress) {
        Condition ready = Conditions.find(before, ConditionTypes.READY);
        if (ready != null && Objects.equals(ready.getReason(), progress.reason())) {
            return;
        }
        if (progress.isStalled()) {
            warning(resource, progress.reason(), progress.message());
        } else if (progress.isReady()) {
            normal(resource, progress.reason(), progress.message());
        }
        LOG.infof(
                "%s %s%s: %s: %s",
                resource.getKind(),
                resource.getMetadata().getNamespace() == null
                        ? ""
                        : resource.getMetadata().getNamespace() + "/",
                resource.getMetadata().getName(),
                progress.reason(),
                progress.message());
    }

    public void normal(HasMetadata resource, String reason, String message) {
        record(resource, "Normal", reason, message);
    }

    public void warning(HasMetadata resource, String reason, String message) {
        record(resource, "Warning", reason, message);
    }

    private void record(HasMetadata resource, String type, String reason, String message) {
        String namespace = resource.getMetadata().getNamespace() == null
                ? "default"
                : resource.getMetadata().getNamespace();
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        try {
            client.v1()
                    .events()
                    .inNamespace(namespace)
                    .resource(new EventBuilder()
                            .withNewMetadata()
                            .withName(resource.getMetadata().getName() + "."
                                    + UUID.randomUUID().toString().substring(0, 8))
                            .withNamespace(namespace)
                            .endMetadata()
                            .withNewInvolvedObject()
                            .withApiVersion(resource.getApiVersion())
                            .withKind(resource.getKind())
                            .withName(resource.getMetadata().getName())
                            .withNamespace(resource.getMetadata().getNamespace())
                            .withUid(resource.getMetadata().getUid())
                            .endInvolvedObject()
                            .withType(type)
                            .withReason(reason)
                            .withMessage(message)
                            .withFirstTimestamp(now)
                            .withLastTimestamp(now)
                            .withCount(1)
                            .withNewSource()
                            .withComponent(COMPONENT)
                            .endSource()
                            .build())
                    .create();
        } catch (KubernetesClientException e) {
            LOG.debugf(
                    "could not record event %s for %s/%s: %s",
                    reason, resource.getKind(), resource.getMetadata().getName(), e.getMessage());
        }
    }
}
