package conv4j.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand over a socket, for what a well-behaved client never sends: paths that are not normalised, bodies
 * that stop, lengths that lie. The response is read until the server closes the connection or {@code waitMillis}
 * pass without a byte.
 */
final class RawHttp {
    record Response(int status, Map<String, String> headers, byte[] body, boolean closedByServer, long millis) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    static Response send(int port, String head, byte[] body, int waitMillis) {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(waitMillis);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            boolean closed = false;
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received.write(buffer, 0, n);
                }
                closed = true;
            } catch (SocketTimeoutException e) {
                // the server kept the connection open: what arrived is the answer
            } catch (IOException e) {
                closed = true; // reset by the server
            }
            return parse(received.toByteArray(), closed, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET of a path exactly as written, the connection closed after the answer. */
    static Response get(int port, String rawPath) {
        return send(port, "GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", null, 10_000);
    }

    private static Response parse(byte[] raw, boolean closed, long millis) {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        if (!all.startsWith("HTTP/1.1 ") || end < 0) {
            return new Response(-1, Map.of(), raw, closed, millis);
        }
        String[] lines = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            rest = dechunk(rest);
        }
        return new Response(status, headers, rest, closed, millis);
    }

    private static byte[] dechunk(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < data.length) {
            int lineEnd = indexOfCrlf(data, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(data, at, lineEnd - at, StandardCharsets.ISO_8859_1).strip();
            int semicolon = sizeText.indexOf(';');
            int size = Integer.parseInt(semicolon < 0 ? sizeText : sizeText.substring(0, semicolon), 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(data, start, Math.min(size, data.length - start));
            at = start + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] data, int from) {
        for (int i = from; i + 1 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
