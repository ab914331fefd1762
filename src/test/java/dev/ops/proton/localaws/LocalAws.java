package dev.ops.proton.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ops.proton.localaws.auth.AuthFailure;
import dev.ops.proton.localaws.auth.Caller;
import dev.ops.proton.localaws.auth.CredentialStore;
import dev.ops.proton.localaws.auth.SigV4Verifier;
import dev.ops.proton.localaws.auth.SignedRequest;
import dev.ops.proton.localaws.authz.Authorizer;
import dev.ops.proton.localaws.authz.RequestContext;
import dev.ops.proton.localaws.cloudformation.CloudFormationService;
import dev.ops.proton.localaws.faults.FaultPlan;
import dev.ops.proton.localaws.faults.RateLimits;
import dev.ops.proton.localaws.iam.IamService;
import dev.ops.proton.localaws.iam.IamStore;
import dev.ops.proton.localaws.protocol.QueryParams;
import dev.ops.proton.localaws.protocol.XmlElement;
import dev.ops.proton.localaws.proton.ProtonService;
import dev.ops.proton.localaws.sts.StsService;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The local AWS endpoint: one HTTP server that authenticates each request with SigV4, routes it by the service of
 * its credential scope to STS, IAM, CloudFormation or Proton, and answers in that service's wire protocol.
 *
 * <p>Embeddable ({@link #start(LocalAwsConfig)} on a free port, {@link #close()}) and run standalone by
 * {@link LocalAwsMain}. Injects the configured faults and rate limits, and counts every call in {@link #calls()}.
 */
public final class LocalAws implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalAws.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final String UNAUTHENTICATED = "unauthenticated";

    private final LocalAwsConfig config;
    private final LocalAwsContext context;
    private final SigV4Verifier verifier;
    private final Map<String, QueryService> queryServices = new LinkedHashMap<>();
    private final Map<String, JsonService> jsonServices = new LinkedHashMap<>();
    private final CallCounter calls = new CallCounter();
    private final Vertx vertx;
    private volatile FaultPlan faults;
    private volatile RateLimits rateLimits;
    private HttpServer server;

    private LocalAws(LocalAwsConfig config) {
        this.config = config;
        CredentialStore credentials = new CredentialStore(config.clock());
        IamStore iam = new IamStore(config.clock());
        this.context = new LocalAwsContext(
                config.clock(), credentials, iam, new Authorizer(iam), config.stackOperationDelay());
        this.verifier = new SigV4Verifier(credentials, config.clock());
        this.faults = config.faults();
        this.rateLimits = new RateLimits(config.rateLimits(), config.clock());
        register(new StsService(context));
        register(new IamService(context));
        register(new CloudFormationService(context));
        register(new ProtonService(context));
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(2)
                .setWorkerPoolSize(4)
                .setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
    }

    /** Starts an endpoint and waits until it listens. */
    public static LocalAws start(LocalAwsConfig config) {
        LocalAws localAws = new LocalAws(config);
        localAws.listen();
        return localAws;
    }

    /** Starts an embedded endpoint on a free loopback port with default settings. */
    public static LocalAws startEmbedded() {
        return start(LocalAwsConfig.embedded());
    }

    private void register(QueryService service) {
        queryServices.put(service.signingName(), service);
    }

    private void register(JsonService service) {
        jsonServices.put(service.signingName(), service);
    }

    private void listen() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setCompressionSupported(false)
                .setIdleTimeout(120);
        server = vertx.createHttpServer(options).requestHandler(this::onRequest);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the local AWS endpoint", e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port(), e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    /** The endpoint URL to give SDK clients ({@code endpointOverride}) or {@code AWS_ENDPOINT_URL}. */
    public URI endpoint() {
        return URI.create("http://" + config.host() + ":" + port());
    }

    public CallCounter calls() {
        return calls;
    }

    public LocalAwsContext context() {
        return context;
    }

    public IamStore iam() {
        return context.iam();
    }

    public FaultPlan faults() {
        return faults;
    }

    /** Replaces the injected faults, e.g. to start or end a fault burst in a test. */
    public void faults(FaultPlan plan) {
        this.faults = plan;
    }

    /** Replaces the rate limits (requests per second per account, by service signing name). */
    public void rateLimits(Map<String, Double> perSecond) {
        this.rateLimits = new RateLimits(perSecond, config.clock());
    }

    @SuppressWarnings("unchecked")
    public <T> T service(Class<T> type) {
        for (Object service : allServices()) {
            if (type.isInstance(service)) {
                return (T) service;
            }
        }
        throw new IllegalArgumentException("no service " + type.getName());
    }

    private List<Object> allServices() {
        List<Object> all = new ArrayList<>(queryServices.values());
        all.addAll(jsonServices.values());
        return all;
    }

    @Override
    public void close() {
        service(CloudFormationService.class).close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("local AWS endpoint did not stop cleanly: %s", e.getMessage());
        }
    }

    // ---- request handling -------------------------------------------------------------------------------

    /**
     * Buffers the body up to the limit. A larger body is read to its end and discarded (bounded, so the client sees
     * the 413 instead of a broken pipe), then refused; a body far past the limit gets the connection closed.
     */
    private void onRequest(HttpServerRequest request) {
        boolean json = request.getHeader("x-amz-target") != null;
        long limit = config.maxBodyBytes();
        Buffer body = Buffer.buffer();
        long[] received = {0};
        request.handler(chunk -> {
            received[0] += chunk.length();
            if (received[0] <= limit) {
                body.appendBuffer(chunk);
            } else if (received[0] > 16 * limit && !request.response().ended()) {
                sendTooLarge(request, json);
                request.connection().close();
            }
        });
        request.exceptionHandler(e -> LOG.debugf("request failed: %s", e.getMessage()));
        request.endHandler(v -> {
            if (request.response().ended()) {
                return;
            }
            if (received[0] > limit) {
                sendTooLarge(request, json);
            } else {
                handle(request, body.getBytes(), json);
            }
        });
    }

    private void handle(HttpServerRequest request, byte[] body, boolean json) {
        SignedRequest signed = signedRequest(request, body);
        if (!routable(request, json)) {
            AwsException error = new AwsException(
                    404,
                    json ? "UnknownOperationException" : "InvalidAction",
                    json
                            ? "The JSON protocol serves POST requests to the path /"
                            : "The query protocol serves GET and POST requests to the path /");
            calls.record(UNAUTHENTICATED, serviceOf(signed), "-", error.code());
            send(request, json ? jsonError(error) : queryError(error), json);
            return;
        }
        SigV4Verifier.Verified verified;
        try {
            verified = verifier.verify(signed);
        } catch (AuthFailure.Exception e) {
            calls.record(UNAUTHENTICATED, serviceOf(signed), "-", e.failure().queryCode());
            AwsException error = new AwsException(
                    e.failure().httpStatus(),
                    json ? e.failure().jsonCode() : e.failure().queryCode(),
                    e.getMessage());
            send(request, json ? jsonError(error) : queryError(error), json);
            return;
        }
        String service = verified.service();
        boolean known = json ? jsonServices.containsKey(service) : queryServices.containsKey(service);
        if (!known) {
            AwsException error = new AwsException(
                    400,
                    json ? "UnknownOperationException" : "InvalidAction",
                    "The local AWS endpoint does not implement the service '" + service + "' over "
                            + (json ? "the JSON protocol" : "the query protocol"));
            calls.record(verified.caller().accountId(), service, "-", error.code());
            send(request, json ? jsonError(error) : queryError(error), json);
            return;
        }
        long latency = faults.latencyFor(service);
        if (latency > 0) {
            vertx.setTimer(latency, id -> dispatch(request, body, json, verified));
        } else {
            dispatch(request, body, json, verified);
        }
    }

    /**
     * AWS serves these protocols at {@code /} only: POST for JSON, GET or POST for query. Anything else (another
     * path, a traversal attempt, another method) is refused before authentication, without reaching a service.
     */
    private static boolean routable(HttpServerRequest request, boolean json) {
        String method = request.method().name();
        return "/".equals(request.path()) && ("POST".equals(method) || (!json && "GET".equals(method)));
    }

    private void dispatch(HttpServerRequest request, byte[] body, boolean json, SigV4Verifier.Verified verified) {
        String service = verified.service();
        Caller caller = verified.caller();
        Response response;
        String operation = "-";
        FaultPlan.Fault fault = FaultPlan.Fault.NONE;
        try {
            if (json) {
                JsonRequest parsed = parseJson(request, body, jsonServices.get(service));
                operation = parsed.operation();
                fault = faults.draw(service, operation);
                checkLimitsAndFaults(caller, service, fault, true);
                JsonCall call = new JsonCall(caller, verified.region(), operation, parsed.input());
                authorize(caller, jsonServices.get(service).requiredPermissions(call), true);
                ObjectNode output = jsonServices.get(service).handle(call);
                response = new Response(200, JSON.writeValueAsString(output));
            } else {
                QueryParams params = parseForm(request, body);
                operation = params.optional("Action").orElse("-");
                fault = faults.draw(service, operation);
                checkLimitsAndFaults(caller, service, fault, false);
                QueryService queryService = queryServices.get(service);
                if (!params.has("Action")) {
                    throw new AwsException(400, "MissingAction", "Missing Action");
                }
                QueryCall call = new QueryCall(caller, verified.region(), operation, params);
                authorize(caller, queryService.requiredPermissions(call), false);
                response = querySuccess(queryService, call);
            }
            calls.record(caller.accountId(), service, operation, CallCounter.OK);
        } catch (AwsException e) {
            calls.record(caller.accountId(), service, operation, e.code());
            response = json ? jsonError(e) : queryError(e, queryServices.get(service));
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.errorf(e, "local AWS: %s %s failed unexpectedly", service, operation);
            AwsException internal = json
                    ? new AwsException(500, "InternalServerException", "An internal error occurred.")
                    : new AwsException(500, "InternalFailure", "An internal error occurred.");
            calls.record(caller.accountId(), service, operation, internal.code());
            response = json ? jsonError(internal) : queryError(internal, queryServices.get(service));
        }
        if (fault == FaultPlan.Fault.LOST_RESPONSE) {
            calls.record(caller.accountId(), service, operation, "LostResponse");
            request.connection().close();
            return;
        }
        send(request, response, json);
    }

    /**
     * Authorizes every permission the call needs before the service looks anything up, as AWS does: a denied caller
     * gets AWS's AccessDenied (query, 403) or AccessDeniedException (JSON) naming the first denied action.
     */
    private void authorize(Caller caller, List<RequestContext> required, boolean json) {
        for (RequestContext request : required) {
            context.authorizer().denial(caller, request).ifPresent(message -> {
                throw json
                        ? new AwsException(400, "AccessDeniedException", message)
                        : new AwsException(403, "AccessDenied", message);
            });
        }
    }

    private void checkLimitsAndFaults(Caller caller, String service, FaultPlan.Fault fault, boolean json) {
        if (!rateLimits.tryAcquire(caller.accountId(), service) || fault == FaultPlan.Fault.THROTTLE) {
            throw json
                    ? new AwsException(400, "ThrottlingException", "Rate exceeded")
                    : new AwsException(400, "Throttling", "Rate exceeded");
        }
        if (fault == FaultPlan.Fault.DENY) {
            throw json
                    ? new AwsException(
                            400,
                            "AccessDeniedException",
                            "User: " + caller.arn() + " is not authorized to perform this action (injected denial)")
                    : new AwsException(
                            403,
                            "AccessDenied",
                            "User: " + caller.arn() + " is not authorized to perform this action (injected denial)");
        }
        if (fault == FaultPlan.Fault.ERROR) {
            throw json
                    ? new AwsException(500, "InternalServerException", "Injected internal error")
                    : new AwsException(500, "InternalFailure", "Injected internal error");
        }
    }

    private record JsonRequest(String operation, ObjectNode input) {}

    private static JsonRequest parseJson(HttpServerRequest request, byte[] body, JsonService service) {
        String target = request.getHeader("x-amz-target");
        int dot = target.indexOf('.');
        if (dot < 0 || !target.substring(0, dot).equals(service.targetPrefix())) {
            throw new AwsException(400, "UnknownOperationException", "Unknown operation " + target);
        }
        String operation = target.substring(dot + 1);
        if (body.length == 0) {
            return new JsonRequest(operation, JSON.createObjectNode());
        }
        try {
            JsonNode input = JSON.readTree(body);
            if (!(input instanceof ObjectNode object)) {
                throw new AwsException(400, "SerializationException", "Request body must be a JSON object");
            }
            return new JsonRequest(operation, object);
        } catch (java.io.IOException e) {
            throw new AwsException(400, "SerializationException", "Request body is not valid JSON");
        }
    }

    private static QueryParams parseForm(HttpServerRequest request, byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        String query = request.query();
        if (query != null) {
            decodeForm(query, fields);
        }
        decodeForm(new String(body, StandardCharsets.UTF_8), fields);
        return new QueryParams(fields);
    }

    private static void decodeForm(String form, Map<String, String> into) {
        if (form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                into.put(key, value);
            } catch (IllegalArgumentException e) {
                throw new AwsException(400, "MalformedQueryString", "The request's form body is malformed");
            }
        }
    }

    private static Response querySuccess(QueryService service, QueryCall call) {
        XmlElement root = XmlElement.of(call.action() + "Response");
        service.handle(call, root.child(call.action() + "Result"));
        root.child("ResponseMetadata").text("RequestId", UUID.randomUUID().toString());
        return new Response(200, root.render(service.xmlNamespace()));
    }

    private static Response queryError(AwsException error, QueryService service) {
        XmlElement root = XmlElement.of("ErrorResponse");
        root.child("Error")
                .text("Type", error.isSenderFault() ? "Sender" : "Receiver")
                .text("Code", error.code())
                .text("Message", error.getMessage());
        root.text("RequestId", UUID.randomUUID().toString());
        return new Response(error.httpStatus(), root.render(service == null ? null : service.xmlNamespace()));
    }

    private static Response queryError(AwsException error) {
        return queryError(error, null);
    }

    private static Response jsonError(AwsException error) {
        ObjectNode node = JSON.createObjectNode().put("__type", error.code()).put("message", error.getMessage());
        return new Response(error.httpStatus(), node.toString());
    }

    private record Response(int status, String body) {}

    private void send(HttpServerRequest request, Response response, boolean json) {
        if (request.response().ended() || request.response().closed()) {
            return;
        }
        request.response()
                .setStatusCode(response.status())
                .putHeader("Content-Type", json ? JSON_CONTENT_TYPE : "text/xml")
                .putHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .putHeader("Date", HTTP_DATE.format(config.clock().instant()))
                .end(response.body());
    }

    private void sendTooLarge(HttpServerRequest request, boolean json) {
        AwsException error = new AwsException(
                413,
                json ? "RequestEntityTooLargeException" : "RequestEntityTooLarge",
                "Request body exceeds the maximum of " + config.maxBodyBytes() + " bytes");
        calls.record(UNAUTHENTICATED, "-", "-", error.code());
        send(request, json ? jsonError(error) : queryError(error), json);
    }

    private static SignedRequest signedRequest(HttpServerRequest request, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers()
                .forEach(entry -> headers.computeIfAbsent(
                                entry.getKey().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>())
                        .add(entry.getValue()));
        return new SignedRequest(request.method().name(), request.path(), request.query(), headers, body);
    }

    private static String serviceOf(SignedRequest request) {
        try {
            return SigV4Verifier.parse(request.header("authorization")).service();
        } catch (AuthFailure.Exception e) {
            return "-";
        }
    }
}
