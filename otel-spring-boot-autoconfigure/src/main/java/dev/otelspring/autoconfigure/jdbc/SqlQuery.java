package dev.otelspring.autoconfigure.jdbc;

/**
 * What a statement's text tells about it, for the database semantic conventions.
 *
 * @param text the text for {@code db.query.text}: literals replaced by {@code ?} unless
 * sanitizing is off, comments dropped, bounded by the attribute length limit
 * @param operationName the operation ({@code SELECT}, {@code INSERT}, ...) when the text
 * has exactly one, else {@code null}
 * @param collectionName the table when the text names exactly one, else {@code null}
 * @param summary the operations and tables in order ({@code "SELECT orders"},
 * {@code "INSERT archive SELECT orders"}), low-cardinality; empty when none was found
 */
record SqlQuery(String text, String operationName, String collectionName, String summary) {

}
