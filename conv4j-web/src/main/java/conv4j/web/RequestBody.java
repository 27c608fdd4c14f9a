package conv4j.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A request's body, read with a cap: a declared length over the cap is refused (413) before a byte of the body is
 * read, and a body sent without a length (chunked) is cut off at the cap and refused the same way, so no request
 * holds more than the cap in memory. A body that stops arriving ends with the connection's idle timeout (408), one
 * that trickles with the uploads' deadline (408), and only so many are read at once (503 beyond them).
 */
record RequestBody(String mediaType, String contentType, byte[] bytes) {

    /** Reads the body of a request whose media type is one of {@code accepted} (415 otherwise). */
    static RequestBody read(Context ctx, long cap, List<String> accepted, Uploads uploads) {
        String contentType = ctx.header("Content-Type");
        String media = mediaType(contentType);
        if (media == null || !accepted.contains(media)) {
            throw ApiError.unsupportedType((media == null ? "the request has no Content-Type"
                    : "Content-Type " + media + " is not accepted here") + "; send one of " + String.join(", ",
                    accepted));
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > cap) {
            throw ApiError.tooLarge("the body is " + declared + " bytes, more than the limit of " + cap + " bytes");
        }
        byte[] bytes;
        uploads.acquire();
        try {
            bytes = readWithin(ctx.req().getInputStream(), (int) Math.min(cap + 1, Integer.MAX_VALUE),
                    uploads.deadline());
        } catch (IOException e) {
            throw new ApiError(408, "the body did not arrive in time (" + e.getClass().getSimpleName() + ")",
                    java.util.Map.of(), e);
        } finally {
            uploads.release();
        }
        if (bytes.length > cap) {
            throw ApiError.tooLarge("the body is more than the limit of " + cap + " bytes");
        }
        if (bytes.length == 0) {
            throw ApiError.badRequest("the body is empty; send " + String.join(", ", accepted));
        }
        return new RequestBody(media, contentType, bytes);
    }

    /**
     * Up to {@code limit} bytes, 408 once {@code deadline} has passed: each read ends within the idle timeout, so a
     * body past its deadline is cut off at most one idle timeout later.
     */
    private static byte[] readWithin(InputStream in, int limit, Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int total = 0;
        int n;
        while (total < limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit - total))) >= 0) {
            out.write(buffer, 0, n);
            total += n;
            if (System.nanoTime() - end > 0 && total < limit) {
                throw new ApiError(408, "the body took more than " + deadline.toSeconds() + " s to arrive ("
                        + total + " bytes so far)");
            }
        }
        return out.toByteArray();
    }

    /** {@code image/png} from {@code image/PNG; charset=x}; null when there is none. */
    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return media.isEmpty() ? null : media.toLowerCase(Locale.ROOT);
    }

    boolean isJson() {
        return mediaType.equals(Json.TYPE);
    }

    boolean isMultipart() {
        return mediaType.equals(MultipartForm.TYPE);
    }
}
