package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/** Least-change edits of settings in an object's JSON tree, shared by the kinds' own-settings fixes. */
public final class SettingsEdits {

    private SettingsEdits() {
    }

    /**
     * Removes the settings {@code matches} selects by their dotted key, whether written nested or dotted; an object
     * value that matches goes as a whole, and objects left empty are dropped.
     */
    public static boolean removeSettings(ObjectNode node, BiPredicate<String, JsonNode> matches) {
        return removeSettings(node, "", matches);
    }

    private static boolean removeSettings(ObjectNode node, String prefix, BiPredicate<String, JsonNode> matches) {
        boolean changed = false;
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            String key = prefix.isEmpty() ? name : prefix + "." + name;
            JsonNode value = node.get(name);
            if (matches.test(key, value)) {
                node.remove(name);
                changed = true;
            } else if (value instanceof ObjectNode child) {
                changed |= removeSettings(child, key, matches);
                if (child.isEmpty()) {
                    node.remove(name);
                }
            }
        }
        return changed;
    }

    public static boolean removeIf(ArrayNode array, Predicate<JsonNode> test) {
        boolean changed = false;
        for (Iterator<JsonNode> it = array.iterator(); it.hasNext(); ) {
            if (test.test(it.next())) {
                it.remove();
                changed = true;
            }
        }
        return changed;
    }
}
