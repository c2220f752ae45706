/**
 * Ahead-of-time processing: the runtime hints for what the starter reaches by reflection
 * and JDK proxies, so that an AOT-processed application, and a native image, have them.
 */
package dev.otelspring.autoconfigure.aot;
