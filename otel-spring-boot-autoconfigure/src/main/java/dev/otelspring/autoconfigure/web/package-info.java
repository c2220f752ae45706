/**
 * What server and client HTTP spans share. Used by the {@code web.*} packages; not meant
 * for applications.
 */
package dev.otelspring.autoconfigure.web;
