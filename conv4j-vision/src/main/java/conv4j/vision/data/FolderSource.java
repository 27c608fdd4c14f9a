package conv4j.vision.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A folder that holds the files under their original names, gzipped or raw (Debian's dataset packages, a copy). */
public final class FolderSource implements DatasetSource {
    private final Path folder;

    public FolderSource(Path folder) {
        this.folder = folder;
    }

    @Override
    public String describe() {
        return folder.toString();
    }

    @Override
    public Download open(DataFile file, FetchListener listener) throws IOException {
        for (String name : new String[] {file.gzName(), file.name()}) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                return new Download(Files.newInputStream(p), Files.size(p));
            }
        }
        throw new IOException(Files.isDirectory(folder) ? "has neither " + file.gzName() + " nor " + file.name()
                : "no such folder");
    }
}
