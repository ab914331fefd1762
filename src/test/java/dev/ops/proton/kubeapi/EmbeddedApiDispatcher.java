package dev.ops.proton.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Fabric8 mock server's CRUD dispatcher, indexed by name ({@link NameIndexedCrudDispatcher}), plus what a real API server does that the packaged operator relies on:
 *
 * <ul>
 *   <li>{@code SelfSubjectRulesReview}: JOSDK's leader election checks it may get, create and update Leases before
 *       it starts; the CRUD mock answers 422. Every subject here may do anything, as with a cluster admin.
 *   <li>Secret {@code stringData} is folded into base64 {@code data} on create and update, as the API server does
 *       (the operator reads {@code data} only).
 * </ul>
 */
final class EmbeddedApiDispatcher extends NameIndexedCrudDispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";
    private static final Pattern SECRETS = Pattern.compile("^/api/v1/namespaces/[^/]+/secrets(/[^/?]+)?(\\?.*)?$");

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if ("POST".equals(request.getMethod()) && request.getPath().startsWith(RULES_REVIEWS)) {
            return allowEverything(request);
        }
        return super.dispatch(request);
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        return super.handleCreate(foldStringData(request));
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        return super.handleUpdate(foldStringData(request));
    }

    private static MockResponse allowEverything(RecordedRequest request) {
        try {
            ObjectNode review = (ObjectNode) JSON.readTree(request.getUtf8Body());
            ObjectNode rule = JSON.createObjectNode();
            rule.putArray("verbs").add("*");
            rule.putArray("apiGroups").add("*");
            rule.putArray("resources").add("*");
            ObjectNode status = review.putObject("status");
            status.putArray("resourceRules").add(rule);
            status.putArray("nonResourceRules");
            status.put("incomplete", false);
            return new MockResponse().setResponseCode(201).setBody(JSON.writeValueAsString(review));
        } catch (Exception e) {
            return new MockResponse().setResponseCode(400).setBody(e.getMessage());
        }
    }

    private static RecordedRequest foldStringData(RecordedRequest request) {
        if (!SECRETS.matcher(request.getPath()).matches()) {
            return request;
        }
        try {
            JsonNode body = JSON.readTree(request.getUtf8Body());
            if (!(body instanceof ObjectNode secret) || !(secret.get("stringData") instanceof ObjectNode stringData)) {
                return request;
            }
            ObjectNode data = secret.get("data") instanceof ObjectNode existing ? existing : secret.putObject("data");
            for (Iterator<Map.Entry<String, JsonNode>> it = stringData.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                data.put(
                        entry.getKey(),
                        Base64.getEncoder()
                                .encodeToString(entry.getValue().asText().getBytes(StandardCharsets.UTF_8)));
            }
            secret.remove("stringData");
            return new RecordedRequest(
                    request.getHttpVersion(),
                    request.method(),
                    request.getPath(),
                    request.getHeaders(),
                    new Buffer(JSON.writeValueAsBytes(secret)));
        } catch (Exception e) {
            return request;
        }
    }
}
