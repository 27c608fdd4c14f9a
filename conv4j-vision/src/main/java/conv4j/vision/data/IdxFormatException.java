package conv4j.vision.data;

/** A file that is not the IDX file it should be; the message names the file, the field and the value found. */
public final class IdxFormatException extends IllegalArgumentException {

    IdxFormatException(String file, String problem) {
        super(file + ": " + problem);
    }
}
