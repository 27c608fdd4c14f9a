package conv4j.cli;

import conv4j.vision.data.FetchListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a fetch on stderr: on a terminal, a progress bar redrawn in place while a file downloads; otherwise only the
 * lines of the fetch (one per source tried, one per file stored), so that logs stay readable.
 */
final class FetchProgress implements FetchListener {
    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final String dataset;
    private String drawing;
    private long started;
    private long lastDrawn;

    FetchProgress(PrintWriter err, boolean terminal, String dataset) {
        this.err = err;
        this.terminal = terminal;
        this.dataset = dataset;
    }

    @Override
    public void note(String line) {
        clear();
        err.println(dataset + ": " + line);
        err.flush();
    }

    @Override
    public void progress(String file, long received, long total) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (!file.equals(drawing)) {
            drawing = file;
            started = now;
        } else if (now - lastDrawn < REDRAW_NANOS && received != total) {
            return;
        }
        lastDrawn = now;
        err.print("\r" + line(file, received, total, now - started));
        err.flush();
    }

    @Override
    public void done(String file) {
        if (drawing != null) {
            err.println();
            err.flush();
            drawing = null;
        }
    }

    /** Ends a bar left open, so that the next line starts on its own. */
    void clear() {
        done(drawing);
    }

    static String line(String file, long received, long total, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        String rate = String.format(Locale.ROOT, "%.1f MB/s", received / 1e6 / seconds);
        if (total <= 0) {
            return String.format(Locale.ROOT, "  %s  %.1f MB  %s", file, received / 1e6, rate);
        }
        double fraction = Math.min(1.0, (double) received / total);
        int filled = (int) Math.round(fraction * BAR);
        return String.format(Locale.ROOT, "  %s  [%s%s] %3d%%  %.1f/%.1f MB  %s", file, "#".repeat(filled),
                "-".repeat(BAR - filled), Math.round(fraction * 100), received / 1e6, total / 1e6, rate);
    }
}
