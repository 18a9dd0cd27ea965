package io.exposureguard.cli.manifest;

/** Where a document came from: the file as the user named it ("-" for stdin), its 1-based index and first line. */
public record Source(String file, int document, int line) {

    /** "deploy/examples/x.yaml document 2 (line 14)"; just the file for an error about the whole file (document 0). */
    public String display() {
        return file + (document > 0 ? " document " + document : "") + (line > 0 ? " (line " + line + ")" : "");
    }
}
