package io.exposureguard.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The committed CRDs are the generated ones with one change: the CRD generator orders printer columns by JSON path, so
 * Age ({@code .metadata.creationTimestamp}) would come first; {@code kubectl get} conventionally shows it last.
 * {@link #ageLast} moves that column's lines to the end of each version's column list and leaves every other byte.
 * {@code make crds} writes the result (through {@code CrdFilesTest} with {@code -Dexposureguard.writeCrds=true}), and
 * CrdsInSyncIT compares the committed files with it.
 */
public final class CrdFiles {

    /** The Age column as the generator writes it: its jsonPath line and the lines of its other fields. */
    private static final Pattern AGE = Pattern.compile("(    - jsonPath: \"\\.metadata\\.creationTimestamp\"\n(?:      [^\n]*\n)+)"
            + "((?:    - [^\n]*\n(?:      [^\n]*\n)*)*)");

    private CrdFiles() {
    }

    /** The CRD text with each version's Age printer column moved after the others. */
    public static String ageLast(String crd) {
        Matcher m = AGE.matcher(crd);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) + m.group(1)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
