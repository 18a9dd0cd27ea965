/**
 * Reading manifest files for the CLI: YAML and JSON documents, lists and multi-document streams, with the file,
 * document and line of every object, and a clear error naming what is wrong for anything that cannot be read.
 */
package io.exposureguard.cli.manifest;
