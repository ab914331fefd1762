# Proton account connection operator: a Quarkus JVM application (target/quarkus-app) on a JRE, as a non-root user.
#   docker build -t ghcr.io/proton-ops/proton-connection-operator:0.1.0 .

# --- build: the Maven wrapper and the project's own pinned plugins, exactly as on a developer machine
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

# Dependency layer: rebuilt only when the POM or the wrapper changes, not on every source edit. quarkus:go-offline
# also fetches the Quarkus build-time (deployment) artifacts that dependency:go-offline doesn't know about.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -ntp -q dependency:go-offline quarkus:go-offline

COPY src/ src/
RUN ./mvnw -B -ntp package -DskipTests

# --- runtime: a JRE and the application, no JDK or build tools
FROM eclipse-temurin:17-jre

LABEL org.opencontainers.image.title="proton-connection-operator" \
      org.opencontainers.image.description="Kubernetes operator for AWS Proton environment account connections" \
      org.opencontainers.image.source="https://github.com/proton-ops/proton-connection-operator"

ENV LANG=C.UTF-8
WORKDIR /deployments

# Quarkus' fast-jar layout, dependencies first (they change least). Owned by root and not writable by the
# runtime user: the application can't modify itself, and the pod runs with a read-only root filesystem anyway.
COPY --from=build /build/target/quarkus-app/lib/ /deployments/lib/
COPY --from=build /build/target/quarkus-app/quarkus/ /deployments/quarkus/
COPY --from=build /build/target/quarkus-app/app/ /deployments/app/
COPY --from=build /build/target/quarkus-app/quarkus-run.jar /deployments/quarkus-run.jar

# Numeric, so Kubernetes can verify runAsNonRoot without a passwd lookup; matches deploy/deployment.yaml.
USER 10001:10001

# Metrics (/q/metrics) and health (/q/health/live, /q/health/ready).
EXPOSE 8080

# Heap from the container's memory limit (75%, leaving room for metaspace, threads and direct buffers); an
# OutOfMemoryError ends the process so Kubernetes restarts it instead of leaving a half-working leader.
# More JVM options: JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", \
    "-XX:MaxRAMPercentage=75.0", \
    "-XX:+ExitOnOutOfMemoryError", \
    "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", \
    "-jar", "/deployments/quarkus-run.jar"]
