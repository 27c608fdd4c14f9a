package conv4j.vision.data;

import java.nio.file.Path;

/** What a dataset file in the cache is: verified, missing, or present with a problem (a wrong sum, a bad gzip). */
public record FileCheck(DataFile file, Path path, Status status, String problem) {

    public enum Status { VERIFIED, MISSING, BAD }

    public boolean verified() {
        return status == Status.VERIFIED;
    }
}
