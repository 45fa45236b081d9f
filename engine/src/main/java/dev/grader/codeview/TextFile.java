package dev.grader.codeview;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** Reads a file as UTF-8 lines when it is text of a size worth showing. */
final class TextFile {

    /** Files larger than this are not shown (their size is noted). */
    static final long MAX_BYTES = 512 * 1024;

    private TextFile() {}

    /** The file's text, or {@code null} with the reason in {@code why[0]}. */
    static String read(Path file, String[] why) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                why[0] = "not a regular file";
                return null;
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                why[0] = "larger than " + MAX_BYTES / 1024 + " KiB (" + size / 1024 + " KiB)";
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    why[0] = "not text";
                    return null;
                }
            }
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            why[0] = "not UTF-8 text";
            return null;
        } catch (IOException e) {
            why[0] = "could not be read (" + e.getMessage() + ")";
            return null;
        }
    }

    static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().toList();
    }
}
