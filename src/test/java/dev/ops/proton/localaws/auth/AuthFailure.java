package dev.ops.proton.localaws.auth;

/**
 * Why a request was not authenticated. The codes differ per protocol (the query services and Proton name the same
 * failure differently), so the failure is named here and each protocol codec maps it to its own error.
 */
public enum AuthFailure {
    MISSING_AUTHENTICATION(
            "MissingAuthenticationToken",
            "MissingAuthenticationTokenException",
            "Request is missing Authentication Token"),
    INCOMPLETE_SIGNATURE(
            "IncompleteSignature",
            "IncompleteSignatureException",
            "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters"),
    SIGNATURE_MISMATCH(
            "SignatureDoesNotMatch",
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method. "
                    + "Consult the service documentation for details."),
    SIGNATURE_EXPIRED("SignatureDoesNotMatch", "InvalidSignatureException", "Signature expired"),
    INVALID_TOKEN(
            "InvalidClientTokenId",
            "UnrecognizedClientException",
            "The security token included in the request is invalid."),
    EXPIRED_TOKEN("ExpiredToken", "ExpiredTokenException", "The security token included in the request is expired");

    private final String queryCode;
    private final String jsonCode;
    private final String message;

    AuthFailure(String queryCode, String jsonCode, String message) {
        this.queryCode = queryCode;
        this.jsonCode = jsonCode;
        this.message = message;
    }

    public String queryCode() {
        return queryCode;
    }

    public String jsonCode() {
        return jsonCode;
    }

    public String message() {
        return message;
    }

    public int httpStatus() {
        return this == INCOMPLETE_SIGNATURE ? 400 : 403;
    }

    /** Thrown by {@link SigV4Verifier}; carries the failure and an optional detail for the message. */
    public static final class Exception extends RuntimeException {
        private final AuthFailure failure;

        public Exception(AuthFailure failure, String detail) {
            super(detail == null ? failure.message() : failure.message() + ": " + detail, null, false, false);
            this.failure = failure;
        }

        public AuthFailure failure() {
            return failure;
        }
    }
}
