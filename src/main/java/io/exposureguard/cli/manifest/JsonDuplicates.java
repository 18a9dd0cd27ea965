package io.exposureguard.cli.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The keys a JSON document defines twice in one object, as "path (line N)": Jackson keeps the last silently. */
final class JsonDuplicates {

    private JsonDuplicates() {
    }

    /** Called on text Jackson has just parsed, so it cannot fail; if it does, no duplicates are claimed. */
    static List<String> find(JsonFactory factory, String text, int firstLine) {
        List<String> found = new ArrayList<>();
        Deque<Set<String>> objects = new ArrayDeque<>();
        try (JsonParser p = factory.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT) {
                    objects.push(new HashSet<>());
                } else if (t == JsonToken.END_OBJECT) {
                    objects.pop();
                } else if (t == JsonToken.FIELD_NAME && !objects.peek().add(p.currentName())) {
                    found.add(path(p.getParsingContext()) + " (line " + (p.currentTokenLocation().getLineNr() + firstLine - 1) + ")");
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    private static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            path.append(path.length() == 0 || part.startsWith("[") ? "" : ".").append(part);
        }
        return path.toString();
    }
}
