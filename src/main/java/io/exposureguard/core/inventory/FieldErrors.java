package io.exposureguard.core.inventory;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says what is wrong with a field whose value has the wrong type, naming the field's path, the type it
 * needs and the type it has: {@code spec.ports[0].port: wrong type: expected an integer, found a string}; or that a
 * field is unknown, with the fields that are: {@code spec.rule: unknown field; known fields: approvedBy, ...}.
 * Never the value, and never a Java class: a mistyped field may hold a pasted password, and the line goes
 * to stderr, JSON and SARIF reports.
 */
public final class FieldErrors {

    private static final ObjectMapper ENUM_NAMES = new ObjectMapper();

    private FieldErrors() {
    }

    /**
     * Why converting {@code tree} (the document as read: maps, lists, scalars) failed, in one line. A failure
     * that is not about a field's type says only that the object cannot be read.
     */
    public static String describe(RuntimeException e, Object tree) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (!(cause instanceof JsonMappingException m)) {
            return "cannot be read as this kind of object";
        }
        String path = path(m);
        if (m instanceof UnrecognizedPropertyException u) {
            return path + ": unknown field" + known(u);
        }
        Object found = at(tree, m.getPath());
        Class<?> target = target(m);
        String where = path.isEmpty() ? "" : path + ": ";
        if (target != null && target.isEnum()) {
            return where + "not one of " + String.join(", ", enumNames(target));
        }
        String expected = target == null ? null : expected(target);
        return where + "wrong type" + (expected == null ? "" : ": expected " + expected)
                + (found == MISSING ? "" : (expected == null ? ": found " : ", found ") + type(found));
    }

    /** "; known fields: a, b, c" (sorted), or nothing when Jackson does not know them. */
    private static String known(UnrecognizedPropertyException u) {
        if (u.getKnownPropertyIds() == null || u.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        return "; known fields: " + String.join(", ", new java.util.TreeSet<>(u.getKnownPropertyIds().stream().map(String::valueOf).toList()));
    }

    /** The type of a value as a manifest author thinks of it ("a string", "a list"), never the value itself. */
    public static String type(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger
                || value instanceof Short || value instanceof Byte) {
            return "an integer";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "true or false";
        }
        if (value instanceof List || value instanceof Set || value.getClass().isArray() && !(value instanceof byte[])) {
            return "a list";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof Date) {
            return "a timestamp";
        }
        if (value instanceof byte[]) {
            return "binary data";
        }
        return "a value of another type";
    }

    private static final Object MISSING = new Object();

    private static String path(JsonMappingException m) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The value at Jackson's path in the document as read, or MISSING when the path does not lead there. */
    private static Object at(Object tree, List<JsonMappingException.Reference> path) {
        Object node = tree;
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null && node instanceof Map<?, ?> map && map.containsKey(ref.getFieldName())) {
                node = map.get(ref.getFieldName());
            } else if (ref.getFieldName() == null && ref.getIndex() >= 0 && node instanceof List<?> list && ref.getIndex() < list.size()) {
                node = list.get(ref.getIndex());
            } else {
                return MISSING;
            }
        }
        return path.isEmpty() ? MISSING : node;
    }

    private static Class<?> target(JsonMappingException m) {
        if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return mi.getTargetType();
        }
        if (m instanceof ValueInstantiationException vi) {
            JavaType type = vi.getType();
            return type == null ? null : type.getRawClass();
        }
        return null;
    }

    private static String expected(Class<?> t) {
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class || t == Short.class || t == short.class
                || t == java.math.BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(t) || t == double.class || t == float.class) {
            return "a number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t == IntOrString.class) {
            return "an integer or a string";
        }
        if (t == Quantity.class) {
            return "a quantity";
        }
        if (Collection.class.isAssignableFrom(t) || t.isArray()) {
            return "a list";
        }
        if (t == Object.class) {
            return null;
        }
        return "a mapping";
    }

    /** The names an enum field accepts, as they are written in a manifest (its JSON form). */
    private static List<String> enumNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            try {
                names.add(ENUM_NAMES.convertValue(constant, String.class));
            } catch (IllegalArgumentException e) {
                names.add(((Enum<?>) constant).name());
            }
        }
        return names;
    }
}
