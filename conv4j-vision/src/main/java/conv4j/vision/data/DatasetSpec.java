package conv4j.vision.data;

import java.util.List;

/** A dataset that can be fetched: its name (also its cache folder), its files with their sums, where to get them. */
public record DatasetSpec(String name, List<DataFile> files, List<DatasetSource> sources) {

    public DatasetSpec {
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("a dataset name is lower-case letters, digits, '.', '_' and '-',"
                    + " received '" + name + "'");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("dataset " + name + " has no files");
        }
        files = List.copyOf(files);
        sources = List.copyOf(sources);
    }
}
