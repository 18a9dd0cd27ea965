package io.exposureguard.cli.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.exposureguard.core.inventory.FieldErrors;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Kubernetes manifests: files, directories (recursively: *.yaml, *.yml, *.json; hidden folders and Helm charts
 * are skipped, and a found file that holds no Kubernetes object at all is skipped with a note) and "-" for stdin;
 * multi-document YAML, JSON (one value, a stream, or an array), {@code List} kinds and {@code helm template}
 * output. Every unreadable document becomes a {@link LoadError} with a one-line reason, and reading goes on
 * with the next document. Limits keep hostile input cheap: a document larger than the API server accepts,
 * nesting deeper than any real manifest, and alias bombs are refused.
 */
public final class ManifestReader {

    /** The Kubernetes API server refuses requests over 3 MiB; no real object is larger. */
    public static final int MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;
    /** Jackson's default limit for JSON numbers (StreamReadConstraints.maxNumberLength); no Kubernetes field needs more. */
    public static final int MAX_NUMBER_LENGTH = 1000;
    /** Far deeper than any real object (a CronJob's container env is about 12 levels). */
    public static final int MAX_DEPTH = 100;
    private static final long MAX_FILE_BYTES = 512L * 1024 * 1024;

    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final ManifestYaml yaml = new ManifestYaml(MAX_DEPTH, MAX_DOCUMENT_BYTES + 1);
    private final ObjectMapper json = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build());

    public LoadResult read(List<String> paths, InputStream stdin) {
        Sink sink = new Sink();
        int files = 0;
        for (String p : paths) {
            if (p.equals("-")) {
                files++;
                readStream("-", () -> stdin.readAllBytes(), sink);
                continue;
            }
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                List<Path> found = manifestsUnder(path, sink);
                for (Path f : found) {
                    files++;
                    readFoundFile(f, sink);
                }
            } else if (Files.isRegularFile(path)) {
                files++;
                readFile(path, sink);
            } else {
                sink.errors.add(new LoadError(new Source(p, 0, 0), "no such file or directory"));
            }
        }
        return sink.result(files);
    }

    /**
     * The manifest files under a directory, sorted. A folder or file that cannot be listed or examined is an
     * error of its own, and the walk goes on with the rest of the tree. Symbolic links to files count as
     * the files; links to directories are not followed (as before).
     */
    private static List<Path> manifestsUnder(Path root, Sink sink) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    Path name = dir.getFileName();
                    if (!dir.equals(root) && name != null && name.toString().startsWith(".")) {
                        sink.notes.add(new LoadError(new Source(dir.toString(), 0, 0), "hidden folder: skipped"));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (Files.isRegularFile(dir.resolve("Chart.yaml"))) {
                        sink.warnings.add(new LoadError(new Source(dir.toString(), 0, 0), "Helm chart (Chart.yaml): its templates are"
                                + " not manifests and are not scanned; scan what it renders: helm template RELEASE " + dir + " | scan -"));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if ((attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file)) && manifestName(file)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    sink.errors.add(new LoadError(new Source(file.toString(), 0, 0), "cannot list directory: " + reason(e)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (e != null) {
                        sink.errors.add(new LoadError(new Source(dir.toString(), 0, 0), "cannot list directory: " + reason(e)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            sink.errors.add(new LoadError(new Source(root.toString(), 0, 0), "cannot list directory: " + reason(e)));
        }
        found.sort(null);
        return found;
    }

    /** Why the file system refused, without the path (the error already names it) and without a Java class name. */
    private static String reason(Exception e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemLoopException) {
            return "a symbolic link loop";
        }
        return oneLine(e.getMessage());
    }

    /** Reads one in-memory manifest text (tests, admission-style callers). */
    public LoadResult read(String name, String text) {
        Sink sink = new Sink();
        parseText(name, text, sink);
        return sink.result(1);
    }

    /**
     * A file found by walking a folder: a repository holds YAML and JSON that are not Kubernetes objects (CI
     * workflows, compose files, values.yaml, package.json). A file none of whose documents names an apiVersion or a
     * kind is skipped with a note; a file with at least one object is read as any other, every error included.
     */
    private void readFoundFile(Path file, Sink sink) {
        Sink own = new Sink();
        readFile(file, own);
        if (own.objects.isEmpty() && !own.errors.isEmpty() && own.notObjects == own.errors.size()) {
            sink.notes.add(new LoadError(new Source(file.toString(), 0, 0),
                    "not a Kubernetes manifest (no document has an apiVersion or a kind): skipped"));
            return;
        }
        sink.add(own);
    }

    private void readFile(Path file, Sink sink) {
        readStream(file.toString(), () -> {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IOException("file is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
            }
            return Files.readAllBytes(file);
        }, sink);
    }

    private interface BytesSupplier {
        byte[] get() throws IOException;
    }

    private void readStream(String name, BytesSupplier bytes, Sink sink) {
        byte[] data;
        try {
            data = bytes.get();
        } catch (IOException | RuntimeException e) {
            sink.errors.add(new LoadError(new Source(name, 0, 0), "cannot read: " + e.getMessage()));
            return;
        }
        parseText(name, decode(data), sink);
    }

    private void parseText(String name, String text, Sink sink) {
        if (isJson(text)) {
            parseJson(name, text, sink);
            return;
        }
        for (RawDocument doc : DocumentSplitter.split(text)) {
            readDocument(new Source(name, doc.index(), doc.line()), doc.text(), this::parseYaml, false, sink);
        }
    }

    private static final java.util.regex.Pattern YAML_SEPARATOR = java.util.regex.Pattern.compile("(?m)^---(\\s|$)");

    /**
     * JSON when the text starts with a JSON object or array whose first key or element is JSON (a quoted
     * key, an object, or an empty collection) and no line is a YAML document separator (which no JSON text
     * can hold). A YAML stream whose first document is flow style ({apiVersion: v1, ...}) is YAML, so the
     * documents after it are read too.
     */
    static boolean isJson(String text) {
        int i = skipSpace(text, 0);
        if (i >= text.length() || (text.charAt(i) != '{' && text.charAt(i) != '[')) {
            return false;
        }
        if (text.charAt(i) == '[') {
            i = skipSpace(text, i + 1);
            if (i < text.length() && text.charAt(i) != '{') {
                return i < text.length() && text.charAt(i) == ']' && !YAML_SEPARATOR.matcher(text).find();
            }
        }
        int first = skipSpace(text, i + 1);
        boolean jsonKey = first < text.length() && (text.charAt(first) == '"' || text.charAt(first) == '}');
        return (jsonKey || first >= text.length()) && !YAML_SEPARATOR.matcher(text).find();
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Each top-level value, and each element of a top-level array, is parsed on its own (see {@link JsonSplitter}). */
    private void parseJson(String name, String text, Sink sink) {
        for (RawDocument doc : JsonSplitter.split(text)) {
            Source source = new Source(name, doc.index(), doc.line());
            if (doc.text().isEmpty()) {
                sink.errors.add(new LoadError(source, "malformed JSON: unexpected end of input: the array is not closed"));
                continue;
            }
            readDocument(source, doc.text(), this::parseJsonValue, true, sink);
        }
    }

    /** What reading collects: objects, unreadable documents, and warnings about documents that were read. */
    private static final class Sink {
        final List<LoadedObject> objects = new ArrayList<>();
        final List<LoadError> errors = new ArrayList<>();
        final List<LoadError> warnings = new ArrayList<>();
        final List<LoadError> notes = new ArrayList<>();
        /** Errors about documents that name neither an apiVersion nor a kind (not meant as objects at all). */
        int notObjects;

        void add(Sink other) {
            objects.addAll(other.objects);
            errors.addAll(other.errors);
            warnings.addAll(other.warnings);
            notes.addAll(other.notes);
        }

        LoadResult result(int files) {
            return new LoadResult(objects, errors, warnings, notes, files);
        }
    }

    /** Parses one document's text into a tree, or says in one line why it cannot. */
    private interface DocumentParser {
        /** {@code duplicates} receives each key defined twice in one mapping: its path and line. */
        Object parse(String text, int firstLine, List<String> duplicates) throws UnreadableDocument;
    }

    private static final class UnreadableDocument extends Exception {
        UnreadableDocument(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * One document: refused when too large or binary, parsed, checked for alias bombs, turned into objects.
     * A List too large for one document is read item by item instead (each item keeps the List's document
     * index and has its own line), as {@code kubectl get -o yaml} output for a busy namespace needs.
     */
    private void readDocument(Source source, String text, DocumentParser parser, boolean json, Sink sink) {
        if (tooLarge(text)) {
            Optional<List<RawDocument>> items = ListSplitter.items(text, json, source.line(), MAX_DOCUMENT_BYTES, MAX_DEPTH);
            if (items.isPresent()) {
                for (RawDocument item : items.get()) {
                    readDocument(new Source(source.file(), source.document(), item.line()), item.text(), parser, json, sink);
                }
                return;
            }
        }
        String refused = refusal(text, source.line());
        if (refused == null) {
            try {
                List<String> duplicates = new ArrayList<>();
                Object tree = parser.parse(text, source.line(), duplicates);
                if (tree == null) {
                    return;
                }
                // kubectl refuses a repeated key; SnakeYAML and Jackson keep the last value silently.
                duplicates.forEach(d -> sink.warnings.add(new LoadError(source, "duplicate key " + d + ": the last value is used")));
                refused = aliasExpansionProblem(tree, text.length());
                if (refused == null) {
                    toObjects(tree, source, sink);
                    return;
                }
            } catch (UnreadableDocument e) {
                refused = e.getMessage();
            }
        }
        sink.errors.add(new LoadError(source, refused));
    }

    private Object parseYaml(String text, int firstLine, List<String> duplicates) throws UnreadableDocument {
        try {
            List<ManifestYaml.DuplicateKey> repeated = new ArrayList<>();
            Object tree = yaml.load(text, repeated);
            repeated.forEach(d -> duplicates.add(d.path() + (d.line() >= 0 ? " (line " + (d.line() + firstLine) + ")" : "")));
            return tree;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + firstLine;
            throw new UnreadableDocument("malformed YAML" + (line > 0 ? " at line " + line : "") + ": " + oneLine(e.getProblem()));
        } catch (YAMLException | StackOverflowError e) {
            throw new UnreadableDocument("malformed YAML: " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            // SnakeYAML can fail outside its own exceptions: a plain "._" resolves as a float and then
            // throws NumberFormatException (found by ManifestFuzzTest). Refuse the document, never crash.
            // The exception's message would quote the value; the class name is enough to recognise the case.
            throw new UnreadableDocument("malformed YAML: a value cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Object parseJsonValue(String text, int firstLine, List<String> duplicates) throws UnreadableDocument {
        try {
            Object tree = json.readValue(text, Object.class);
            duplicates.addAll(JsonDuplicates.find(json.getFactory(), text, firstLine));
            return tree;
        } catch (IOException | RuntimeException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new UnreadableDocument("malformed JSON: " + oneLine(message));
        }
    }

    /** Why a document is refused before parsing (too large, not text, or a number too long to be real), or null. */
    private static String refusal(String text, int firstLine) {
        if (tooLarge(text)) {
            return "document is larger than " + (MAX_DOCUMENT_BYTES >> 20)
                    + " MiB, more than the Kubernetes API server accepts for one object";
        }
        if (text.indexOf('\0') >= 0) {
            return "not a text manifest: the document holds binary data";
        }
        int longNumber = longNumberLine(text);
        if (longNumber >= 0) {
            return "line " + (longNumber + firstLine) + ": a number longer than " + MAX_NUMBER_LENGTH
                    + " digits (no Kubernetes field holds one)";
        }
        return null;
    }

    private static boolean tooLarge(String text) {
        return text.length() > MAX_DOCUMENT_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES;
    }

    /**
     * The 0-based line of the first plain (unquoted) number longer than {@link #MAX_NUMBER_LENGTH}
     * characters, or -1. Found in the text because parsing costs too much: SnakeYAML's scanner allocates
     * about 2 GB for a scalar of a million characters on one line (its buffer is copied each time it grows),
     * and resolves it as a string, so no limit inside the parser sees it. Digits in quotes or inside a word
     * are strings and pass; a line of that many digits inside a block scalar counts too (no manifest has one).
     */
    static int longNumberLine(String text) {
        int line = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                continue;
            }
            if (c < '0' || c > '9') {
                continue;
            }
            int start = i;
            while (i < n && isNumberChar(text.charAt(i))) {
                i++;
            }
            if (i - start > MAX_NUMBER_LENGTH && plainBefore(text, start) && (i == n || " \t\r\n,]}#".indexOf(text.charAt(i)) >= 0)) {
                return line;
            }
            i--;
        }
        return -1;
    }

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || c == '_' || c == '.';
    }

    /** Whether the token starting at {@code start} (after an optional sign) stands on its own: not inside quotes or a word. */
    private static boolean plainBefore(String text, int start) {
        int j = start - 1;
        if (j >= 0 && (text.charAt(j) == '-' || text.charAt(j) == '+')) {
            j--;
        }
        return j < 0 || " \t\r\n[{,:".indexOf(text.charAt(j)) >= 0;
    }

    /**
     * YAML aliases let a small document stand for an enormous or endless tree ("billion laughs", an alias to
     * an enclosing node), which converting it would expand. Refuses a tree with more nodes than any alias-free
     * document of the same length could have, or deeper than {@link #MAX_DEPTH}; walks without recursion and
     * stops at the first limit crossed.
     */
    private static String aliasExpansionProblem(Object tree, int textLength) {
        long budget = 100_000L + textLength;
        long seen = 0;
        Deque<Object> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(tree);
        depths.push(0);
        while (!nodes.isEmpty()) {
            Object node = nodes.pop();
            int depth = depths.pop();
            if (++seen > budget) {
                return "YAML aliases expand the document to more than " + budget + " nodes (an alias bomb)";
            }
            if (depth > MAX_DEPTH) {
                return "YAML aliases nest the document deeper than " + MAX_DEPTH + " levels (a recursive alias)";
            }
            List<Object> children = new ArrayList<>();
            if (node instanceof Map<?, ?> m) {
                m.forEach((k, v) -> {
                    children.add(k);
                    children.add(v);
                });
            } else if (node instanceof Collection<?> c) {
                children.addAll(c);
            }
            for (Object child : children) {
                if (child != null) {
                    nodes.push(child);
                    depths.push(depth + 1);
                }
            }
        }
        return null;
    }

    private void toObjects(Object tree, Source source, Sink sink) {
        if (!(tree instanceof Map<?, ?> map)) {
            sink.errors.add(new LoadError(source, "not a Kubernetes object: expected a mapping with apiVersion and kind, found "
                    + describe(tree)));
            sink.notObjects++;
            return;
        }
        Object kind = map.get("kind");
        Object apiVersion = map.get("apiVersion");
        if (kind == null && apiVersion == null) {
            sink.notObjects++;
        }
        if (!(kind instanceof String k) || k.isBlank() || !(apiVersion instanceof String a) || a.isBlank()) {
            sink.errors.add(new LoadError(source, "not a Kubernetes object: apiVersion and kind must be non-empty strings"));
            return;
        }
        if (k.endsWith("List") && map.containsKey("items")) {
            if (!(map.get("items") instanceof List<?> items)) {
                sink.errors.add(new LoadError(source, k + ".items: expected a list, found " + describe(map.get("items"))));
                return;
            }
            for (Object item : items) {
                toObjects(item, source, sink);
            }
            return;
        }
        try {
            KubernetesResource resource = serialization.convertValue(map, KubernetesResource.class);
            if (resource instanceof HasMetadata h) {
                sink.objects.add(new LoadedObject(h, source));
            } else {
                sink.errors.add(new LoadError(source, k + " is not an object with metadata"));
            }
        } catch (IllegalArgumentException | ClassCastException e) {
            sink.errors.add(new LoadError(source, identity(map) + ": " + FieldErrors.describe(e, map)));
        }
    }

    private static String identity(Map<?, ?> map) {
        Object metadata = map.get("metadata");
        Object name = metadata instanceof Map<?, ?> m ? m.get("name") : null;
        return map.get("kind") + (name instanceof String n ? " " + n : "");
    }

    /** The type of a value, never the value itself: a document may be a pasted secret. */
    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        return value instanceof List ? "a list" : value instanceof Map ? "a mapping" : "a scalar";
    }

    static String oneLine(String message) {
        if (message == null) {
            return "no details";
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }


    /**
     * Decodes UTF-8, turning bytes that are not UTF-8 into NUL, a character no YAML or JSON document may hold,
     * so that {@link #refusal} refuses just the documents with binary data and the rest of the file is read.
     */
    private static String decode(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith("\0")
                    .decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("cannot happen: the decoder replaces what it cannot decode", e);
        }
    }

    private static boolean manifestName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }
}
