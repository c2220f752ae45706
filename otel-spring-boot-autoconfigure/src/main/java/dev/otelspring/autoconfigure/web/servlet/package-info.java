/**
 * SERVER spans for Spring MVC on a servlet container. Everything but the
 * auto-configuration is package-private.
 */
package dev.otelspring.autoconfigure.web.servlet;
