/**
 * The console exporter, which logs each finished trace as a tree, for development.
 */
package dev.otelspring.autoconfigure.exporter.console;
