package conv4j.web;

import java.util.Map;
import java.util.Objects;

/**
 * A request the server refuses, with the HTTP status and a message that names what was wrong; sent as
 * {@code {"error": "..."}}. {@code headers} go with the answer (Retry-After with 503).
 */
final class ApiError extends RuntimeException {
    private final int status;
    private final Map<String, String> headers;

    ApiError(int status, String message) {
        this(status, message, Map.of(), null);
    }

    ApiError(int status, String message, Map<String, String> headers, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an API error has a 4xx or 5xx status, received " + status);
        }
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError badRequest(String message, Throwable cause) {
        return new ApiError(400, message, Map.of(), cause);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    static ApiError conflict(String message) {
        return new ApiError(409, message);
    }

    static ApiError tooLarge(String message) {
        return new ApiError(413, message);
    }

    static ApiError unsupportedType(String message) {
        return new ApiError(415, message);
    }

    static ApiError busy(String message, int retryAfterSeconds) {
        return new ApiError(503, message, Map.of("Retry-After", Integer.toString(retryAfterSeconds)), null);
    }
}
