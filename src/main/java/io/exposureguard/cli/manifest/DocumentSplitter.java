package io.exposureguard.cli.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a YAML stream into documents on "---" lines, as kubectl does, so that one malformed document
 * cannot hide the ones after it. "..." document-end lines are dropped. Empty documents keep their index.
 */
final class DocumentSplitter {

    private static final Pattern SEPARATOR = Pattern.compile("^---(\\s.*)?$");
    private static final Pattern END = Pattern.compile("^\\.\\.\\.\\s*$");

    private DocumentSplitter() {
    }

    private static boolean onlyComments(CharSequence text) {
        return text.toString().lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"));
    }

    static List<RawDocument> split(String text) {
        List<RawDocument> docs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int start = 1;
        int lineNo = 0;
        boolean seenContent = false;
        for (String line : text.split("\r?\n", -1)) {
            lineNo++;
            if (SEPARATOR.matcher(line).matches()) {
                if (seenContent || !onlyComments(current)) {
                    docs.add(new RawDocument(docs.size() + 1, start, current.toString()));
                }
                current.setLength(0);
                start = lineNo + 1;
                seenContent = true;
                String rest = line.substring(3).trim();
                if (!rest.isEmpty()) {
                    current.append(rest).append('\n');
                }
                continue;
            }
            if (END.matcher(line).matches()) {
                continue;
            }
            current.append(line).append('\n');
        }
        docs.add(new RawDocument(docs.size() + 1, start, current.toString()));
        return docs;
    }
}
