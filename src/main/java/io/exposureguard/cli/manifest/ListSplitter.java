package io.exposureguard.cli.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Splits a {@code kind: List} document into the texts of its items without building its tree, so that a
 * list larger than one object may be (what {@code kubectl get -o yaml} writes for a namespace) is read item
 * by item, each item under the per-document limits. Streams the document (SnakeYAML events, Jackson tokens)
 * and cuts the text at each item's start and end. Anything that is not plainly a List at the root gives
 * empty, and the document is then refused whole as before.
 */
final class ListSplitter {

    /** kubectl writes the root keys at column 0: a quick look before streaming the whole text. */
    private static final Pattern YAML_LIST_KIND = Pattern.compile("(?m)^kind:[ \\t]*[\"']?[A-Za-z0-9]*List[\"']?[ \\t]*(#.*)?$");
    private static final Pattern YAML_ITEMS = Pattern.compile("(?m)^items:");

    private ListSplitter() {
    }

    /**
     * The items of a List document as documents of their own (index 0: the caller keeps the List's index;
     * line: the item's first line in the file), or empty when the text is not a List whose items can be cut
     * out. {@code maxLine}: a longer line is not split (SnakeYAML's cost grows with the square of a line's
     * length, and such a line would be refused in any item).
     */
    static Optional<List<RawDocument>> items(String text, boolean json, int firstLine, int maxLine, int maxDepth) {
        if (longestLine(text) > maxLine) {
            return Optional.empty();
        }
        try {
            return json ? jsonItems(text, firstLine, maxDepth) : yamlItems(text, firstLine, maxDepth);
        } catch (IOException | RuntimeException e) {   // YAMLException included: not plainly a List
            return Optional.empty();
        }
    }

    private static Optional<List<RawDocument>> yamlItems(String text, int firstLine, int maxDepth) {
        if (!YAML_LIST_KIND.matcher(text).find() || !YAML_ITEMS.matcher(text).find()) {
            return Optional.empty();
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        options.setNestingDepthLimit(maxDepth);
        List<int[]> spans = new ArrayList<>();   // {start code point, end code point, line, column}
        String kind = null;
        String key = null;
        boolean expectKey = true;
        boolean inItems = false;
        int depth = 0;
        Mark itemStart = null;
        for (Event e : new Yaml(options).parse(new StringReader(text))) {
            if (e instanceof CollectionStartEvent) {
                if (depth == 0 && !(e instanceof MappingStartEvent)) {
                    return Optional.empty();
                }
                if (depth == 1) {
                    if (expectKey) {
                        return Optional.empty();   // a collection as a root key: not a List manifest
                    }
                    inItems = "items".equals(key) && e instanceof SequenceStartEvent;
                }
                if (depth == 2 && inItems) {
                    itemStart = e.getStartMark();
                }
                depth++;
            } else if (e instanceof CollectionEndEvent) {
                depth--;
                if (depth == 2 && inItems) {
                    spans.add(span(itemStart, e.getEndMark()));
                } else if (depth == 1) {
                    inItems = false;
                    expectKey = true;
                }
            } else if (e instanceof NodeEvent && depth == 1) {   // a scalar or alias directly in the root mapping
                if (expectKey) {
                    key = e instanceof ScalarEvent s ? s.getValue() : null;
                } else if ("kind".equals(key) && e instanceof ScalarEvent s) {
                    kind = s.getValue();
                }
                expectKey = !expectKey;
            } else if (e instanceof NodeEvent && depth == 2 && inItems) {
                spans.add(span(e.getStartMark(), e.getEndMark()));
            }
        }
        if (kind == null || !kind.endsWith("List")) {
            return Optional.empty();
        }
        List<RawDocument> items = new ArrayList<>();
        CodePoints offsets = new CodePoints(text);
        for (int[] s : spans) {
            String item = " ".repeat(s[3]) + text.substring(offsets.charIndex(s[0]), offsets.charIndex(s[1]));
            items.add(new RawDocument(0, firstLine + s[2], item));
        }
        return Optional.of(items);
    }

    private static int[] span(Mark start, Mark end) {
        return new int[] {start.getIndex(), end.getIndex(), start.getLine(), start.getColumn()};
    }

    private static Optional<List<RawDocument>> jsonItems(String text, int firstLine, int maxDepth) throws IOException {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .build();
        List<RawDocument> items = new ArrayList<>();
        String kind = null;
        try (JsonParser p = factory.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("items") && value == JsonToken.START_ARRAY) {
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        int start = (int) p.currentTokenLocation().getCharOffset();
                        int line = p.currentTokenLocation().getLineNr();
                        p.skipChildren();
                        int end = (int) p.currentLocation().getCharOffset();
                        items.add(new RawDocument(0, firstLine + line - 1, text.substring(start, end)));
                    }
                } else if (field.equals("kind") && value == JsonToken.VALUE_STRING) {
                    kind = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }
        return kind != null && kind.endsWith("List") ? Optional.of(items) : Optional.empty();
    }

    private static int longestLine(String text) {
        int longest = 0;
        int start = 0;
        for (int i = text.indexOf('\n'); ; i = text.indexOf('\n', start)) {
            int end = i < 0 ? text.length() : i;
            longest = Math.max(longest, end - start);
            if (i < 0) {
                return longest;
            }
            start = i + 1;
        }
    }

    /** SnakeYAML marks count code points; Java strings count chars. Converts forward, in one pass over all marks. */
    private static final class CodePoints {
        private final String text;
        private int codePoint;
        private int charIndex;

        CodePoints(String text) {
            this.text = text;
        }

        int charIndex(int target) {
            if (target < codePoint) {
                codePoint = 0;
                charIndex = 0;
            }
            while (codePoint < target && charIndex < text.length()) {
                charIndex += Character.charCount(text.codePointAt(charIndex));
                codePoint++;
            }
            return charIndex;
        }
    }
}
