package dev.ops.proton.localaws;

/**
 * An AWS error as the wire protocols report it: an error code (the query protocols' {@code Code}, Proton's
 * {@code __type}), a message and the HTTP status the service model gives that error.
 *
 * <p>Service handlers throw it; the protocol codec renders it in the service's own error shape.
 */
public class AwsException extends RuntimeException {

    private final String code;
    private final int httpStatus;

    public AwsException(int httpStatus, String code, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Sender (4xx) or Receiver (5xx), as the query protocols' {@code Type} element says. */
    public boolean isSenderFault() {
        return httpStatus < 500;
    }

    public static AwsException validation(String code, String message) {
        return new AwsException(400, code, message);
    }

    public static AwsException accessDenied(String code, String message) {
        return new AwsException(403, code, message);
    }
}
