package io.exposureguard.cli.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits JSON text into documents before parsing, as {@link DocumentSplitter} does for YAML, so that one
 * malformed, oversized or too deeply nested value cannot hide the ones after it: each top-level value is a
 * document, and each element of a top-level array is one. Only brackets and strings are tracked (no
 * recursion, any depth); the parser judges each piece. An array left open at the end of the input becomes
 * a document with empty text.
 */
final class JsonSplitter {

    private JsonSplitter() {
    }

    static List<RawDocument> split(String text) {
        List<RawDocument> docs = new ArrayList<>();
        int n = text.length();
        int i = 0;
        int line = 1;
        boolean inArray = false;
        int arrayLine = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
                continue;
            }
            if (Character.isWhitespace(c) || (inArray && c == ',')) {
                i++;
                continue;
            }
            if (!inArray && c == '[') {
                inArray = true;
                arrayLine = line;
                i++;
                continue;
            }
            if (inArray && c == ']') {
                inArray = false;
                i++;
                continue;
            }
            int start = i;
            int startLine = line;
            int depth = 0;
            boolean inString = false;
            while (i < n) {
                char d = text.charAt(i);
                if (inString) {
                    if (d == '\\' && i + 1 < n) {
                        i++;
                        d = text.charAt(i);
                    } else if (d == '"') {
                        inString = false;
                    }
                } else if (d == '"') {
                    inString = true;
                } else if (d == '{' || d == '[') {
                    depth++;
                } else if (d == '}' || d == ']') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                    if (depth == 0) {
                        i++;
                        break;
                    }
                } else if (depth == 0 && (d == ',' || Character.isWhitespace(d))) {
                    break;
                }
                if (d == '\n') {
                    line++;
                }
                i++;
            }
            if (i == start) {
                i++; // a stray closing bracket or comma: a document of its own, which the parser refuses
            }
            docs.add(new RawDocument(docs.size() + 1, startLine, text.substring(start, i)));
        }
        if (inArray) {
            docs.add(new RawDocument(docs.size() + 1, arrayLine, ""));
        }
        return docs;
    }
}
