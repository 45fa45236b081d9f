package dev.grader.review;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** The lines of a submission's text files, for the change summary: UTF-8 text of a diffable size only. */
final class TextFiles {

    /** Text files larger than this count as changed without a line diff. */
    static final long MAX_DIFF_BYTES = 2L << 20;

    private TextFiles() {}

    /** How many lines {@code file} has (0 when it is not text of a diffable size). */
    static int lineCount(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_DIFF_BYTES) {
                return 0;
            }
            List<String> lines = lines(Files.readAllBytes(file));
            return lines == null ? 0 : lines.size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The lines of {@code bytes} when they are UTF-8 text of a diffable size, else {@code null}. */
    static List<String> lines(byte[] bytes) {
        if (bytes.length > MAX_DIFF_BYTES) {
            return null;
        }
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            String s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return s.lines().toList();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
