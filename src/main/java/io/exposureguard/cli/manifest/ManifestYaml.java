package io.exposureguard.cli.manifest;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * SnakeYAML as the reader uses it: plain data types only (no Java objects), the reader's limits, and the
 * keys a document defines twice. SnakeYAML keeps the last value of a repeated key silently; the reader
 * keeps it too but says so, naming the key by its path.
 */
final class ManifestYaml {

    private final LoaderOptions options;

    ManifestYaml(int maxDepth, int maxCodePoints) {
        options = new LoaderOptions();
        options.setNestingDepthLimit(maxDepth);
        options.setCodePointLimit(maxCodePoints);
        options.setMaxAliasesForCollections(50);
    }

    /** A key defined again in the same mapping: its path ("metadata.labels.app") and the 0-based line of the repeat. */
    record DuplicateKey(String path, int line) {
    }

    /** The document as plain maps, lists and scalars (null for an empty document); repeated keys go to {@code duplicates}. */
    Object load(String text, List<DuplicateKey> duplicates) {
        Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        if (root == null) {
            return null;
        }
        duplicates.addAll(duplicateKeys(root));
        return new Constructing(options).construct(root);
    }

    private static final class Constructing extends SafeConstructor {
        Constructing(LoaderOptions options) {
            super(options);
        }

        Object construct(Node root) {
            return constructDocument(root);
        }
    }

    /**
     * Walks the node graph once (each node once, so aliases cost nothing more) without recursion, and
     * returns the scalar keys repeated within one mapping. Merge keys ({@code <<}) are not repeats.
     */
    static List<DuplicateKey> duplicateKeys(Node root) {
        List<DuplicateKey> found = new java.util.ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> nodes = new ArrayDeque<>();
        Deque<String> paths = new ArrayDeque<>();
        nodes.push(root);
        paths.push("");
        while (!nodes.isEmpty()) {
            Node node = nodes.pop();
            String path = paths.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (node instanceof MappingNode m) {
                Set<String> keys = new HashSet<>();
                for (NodeTuple t : m.getValue()) {
                    String key = t.getKeyNode() instanceof ScalarNode k && !Tag.MERGE.equals(k.getTag()) ? k.getValue() : null;
                    String child = path.isEmpty() ? String.valueOf(key) : path + "." + key;
                    if (key != null && !keys.add(key)) {
                        found.add(new DuplicateKey(child, t.getKeyNode().getStartMark() == null ? -1 : t.getKeyNode().getStartMark().getLine()));
                    }
                    nodes.push(t.getValueNode());
                    paths.push(key == null ? path + ".?" : child);
                }
            } else if (node instanceof SequenceNode s) {
                List<Node> items = s.getValue();
                for (int i = 0; i < items.size(); i++) {
                    nodes.push(items.get(i));
                    paths.push(path + "[" + i + "]");
                }
            }
        }
        found.sort(java.util.Comparator.comparingInt(DuplicateKey::line));
        return found;
    }
}
