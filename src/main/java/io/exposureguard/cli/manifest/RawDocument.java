package io.exposureguard.cli.manifest;

/** One document's text before parsing, with its 1-based index in the file and its first line number. */
record RawDocument(int index, int line, String text) {
}
