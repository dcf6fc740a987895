package dev.meshtest.internal.yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's {@link StreamReader}, in time linear in the input. SnakeYAML's reader copies its
 * whole window of code points each time it reads the next 1,023 characters; while the scanner
 * looks ahead through one long run without a blank (a 3-million-character label value), the
 * window is that whole run, so reading it costs its length squared: seconds, and gigabytes of
 * garbage. This reader reads the same chunks at the same moments, checks them the same way and
 * answers the scanner the same (so tokens, marks and errors are SnakeYAML's own, which
 * {@code WindowedReaderTest} checks against it), but appends each chunk to its window, which
 * grows by doubling.
 *
 * <pre>{@code
 * Parser parser = new ParserImpl(new WindowedReader(reader), loaderOptions);
 * }</pre>
 */
final class WindowedReader extends StreamReader {
    private static final String NAME = "'reader'";

    private final Reader stream;
    /** SnakeYAML's read buffer: 1,023 characters at a time, one more for a split surrogate pair. */
    private final char[] buffer = new char[1024];
    /**
     * The code points read and not yet passed, from {@code pointer} to {@code length}. Never
     * written below {@code length}: marks keep the array they were made with, as SnakeYAML's do.
     */
    private int[] window = new int[0];
    private int length;
    private int pointer;
    private boolean eof;
    private int index;
    private int documentIndex;
    private int line;
    private int column;
    /**
     * The last mark made, handed out again while the reader stays where it was made: the scanner
     * asks twice at most tokens' starts (a possible simple key, then the token) and often where
     * the token before ended. Marks are immutable; one was 14% of what reading a large mesh allocated.
     */
    private Mark lastMark;

    WindowedReader(Reader stream) {
        super(new StringReader(""));
        this.stream = stream;
    }

    @Override
    public Mark getMark() {
        Mark mark = lastMark;
        if (mark == null || mark.getIndex() != index || mark.getBuffer() != window) {
            mark = new Mark(NAME, index, line, column, window, pointer);
            lastMark = mark;
        }
        return mark;
    }

    @Override
    public void forward() {
        forward(1);
    }

    /** Passes {@code length} code points, counting lines and columns as SnakeYAML does. */
    @Override
    public void forward(int n) {
        for (int i = 0; i < n && ensureEnoughData(0); i++) {
            int c = window[pointer++];
            index++;
            documentIndex++;
            if (Constant.LINEBR.has(c) || (c == '\r' && ensureEnoughData(0) && window[pointer] != '\n')) {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return ensureEnoughData(0) ? window[pointer] : 0;
    }

    @Override
    public int peek(int i) {
        return ensureEnoughData(i) ? window[pointer + i] : 0;
    }

    @Override
    public String prefix(int n) {
        if (n == 0) {
            return "";
        }
        return ensureEnoughData(n) ? new String(window, pointer, n) : new String(window, pointer, Math.min(n, length - pointer));
    }

    @Override
    public String prefixForward(int n) {
        String prefix = prefix(n);
        pointer += n;
        index += n;
        documentIndex += n;
        column += n;
        return prefix;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return index;
    }

    @Override
    public int getLine() {
        return line;
    }

    /** Whether the code point {@code size} ahead is there; reads one more chunk first when it may not be, as SnakeYAML does. */
    private boolean ensureEnoughData(int size) {
        if (!eof && pointer + size >= length) {
            update();
        }
        return pointer + size < length;
    }

    private void update() {
        try {
            int read = stream.read(buffer, 0, buffer.length - 1);
            if (read <= 0) {
                eof = true;
                return;
            }
            if (length + read + 1 > window.length) {
                // A new array (old marks keep theirs) twice what is kept and read: amortised linear.
                int keep = length - pointer;
                int[] next = new int[Math.max(2 * (keep + read + 1), 2 * buffer.length)];
                System.arraycopy(window, pointer, next, 0, keep);
                window = next;
                length = keep;
                pointer = 0;
            }
            if (Character.isHighSurrogate(buffer[read - 1])) {
                if (stream.read(buffer, read, 1) == -1) {
                    throw new ReaderException(NAME, index + read, buffer[read - 1],
                            "The last char is HighSurrogate (no LowSurrogate detected).");
                }
                read++;
            }
            int at = length;
            int nonPrintable = ' ';
            for (int i = 0; i < read; at++) {
                int c = Character.codePointAt(buffer, i);
                window[at] = c;
                if (isPrintable(c)) {
                    i += Character.charCount(c);
                } else {
                    nonPrintable = c;
                    i = read;
                }
            }
            length = at;
            if (nonPrintable != ' ') {
                throw new ReaderException(NAME, index + (at - pointer) - 1, nonPrintable, "special characters are not allowed");
            }
        } catch (IOException e) {
            throw new YAMLException(e);
        }
    }
}
