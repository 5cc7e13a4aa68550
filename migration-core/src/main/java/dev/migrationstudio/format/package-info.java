/**
 * How every document and message of the library writes times (UTC, milliseconds), durations,
 * counts and plurals. A leaf package: the model packages use it for their messages and the
 * {@code report} package for its documents, without a cycle between them.
 */
package dev.migrationstudio.format;
