package conv4j.vision.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * A web mirror that serves the original .gz files under one base URL. Connect and read timeouts keep a dead network
 * from hanging the fetch; a host that cannot be reached is a {@link SourceUnavailableException}, so the remaining
 * files do not wait for it again.
 */
public final class HttpSource implements DatasetSource {
    private final String baseUrl;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public HttpSource(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        if (!baseUrl.endsWith("/") || !(baseUrl.startsWith("https://") || baseUrl.startsWith("http://"))) {
            throw new IllegalArgumentException("a mirror is an http(s) URL ending in '/', received '" + baseUrl + "'");
        }
        this.baseUrl = baseUrl;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    public HttpSource(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    @Override
    public String describe() {
        return baseUrl;
    }

    @Override
    public Download open(DataFile file, FetchListener listener) throws IOException {
        HttpURLConnection http = (HttpURLConnection) URI.create(baseUrl + file.gzName()).toURL().openConnection();
        http.setConnectTimeout(connectTimeoutMillis);
        http.setReadTimeout(readTimeoutMillis);
        http.setRequestProperty("User-Agent", "conv4j");
        // the .gz bytes themselves: no transparent decompression by a proxy
        http.setRequestProperty("Accept-Encoding", "identity");
        try {
            int status = http.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                http.disconnect();
                throw new IOException("HTTP " + status + " for " + file.gzName());
            }
            InputStream body = http.getInputStream();
            return new Download(new DisconnectingStream(body, http), http.getContentLengthLong());
        } catch (UnknownHostException e) {
            throw new SourceUnavailableException("unknown host " + e.getMessage());
        } catch (ConnectException | NoRouteToHostException e) {
            throw new SourceUnavailableException("cannot connect (" + e.getMessage() + ")");
        } catch (SocketTimeoutException e) {
            throw new SourceUnavailableException("no answer within the timeout (" + e.getMessage() + ")");
        }
    }

    /** Closing the body also releases the connection. */
    private static final class DisconnectingStream extends java.io.FilterInputStream {
        private final HttpURLConnection http;

        DisconnectingStream(InputStream in, HttpURLConnection http) {
            super(in);
            this.http = http;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                http.disconnect();
            }
        }
    }
}
