package conv4j.cli;

import conv4j.train.Plural;
import conv4j.vision.data.ImageFolder;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows the first reading of an image folder on stderr: a count redrawn in place on a terminal, and the pictures
 * left out as warnings, the first {@value #SHOWN} of them one per line and the rest counted, so that a folder with
 * thousands of broken files does not bury the run.
 */
final class FolderProgress implements ImageFolder.Listener {
    static final int SHOWN = 20;
    private static final long REDRAW_NANOS = 150_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final String folder;
    private long lastDrawn;
    private boolean drawn;
    private int warnings;

    FolderProgress(PrintWriter err, boolean terminal, String folder) {
        this.err = err;
        this.terminal = terminal;
        this.folder = folder;
    }

    @Override
    public void progress(int done, int total) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDrawn < REDRAW_NANOS && done < total) {
            return;
        }
        lastDrawn = now;
        err.print(String.format(Locale.ROOT, "\rreading %s: %,d of %s", folder, done, Plural.of(total, "image")));
        err.flush();
        drawn = true;
    }

    @Override
    public void warning(String line) {
        clear();
        warnings++;
        if (warnings <= SHOWN) {
            err.println("conv4j: warning: " + line);
            err.flush();
        }
    }

    /** Ends the count's line, and says how many warnings were not shown. */
    void finish() {
        clear();
        if (warnings > SHOWN) {
            err.println(String.format(Locale.ROOT, "conv4j: warning: %s skipped (%,d in all)",
                    Plural.of(warnings - SHOWN, "more unreadable image"), warnings));
            err.flush();
        }
    }

    private void clear() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }
}
