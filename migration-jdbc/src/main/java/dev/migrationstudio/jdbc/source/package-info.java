/**
 * The reading primitive that the migration engine and the verifier share: how a source is read and
 * which engine is behind a connection. It is public only so that the library's own modules
 * ({@code migration-verify}, and later runners) read rows exactly as the engine does, with the same
 * Java types for the same column types on every engine; users do not need it.
 *
 * <ul>
 *   <li>{@link dev.migrationstudio.jdbc.source.SourceCursor}: a query's rows, streamed with a fetch
 *       size, each value read as the mapping model's Java type.</li>
 *   <li>{@link dev.migrationstudio.jdbc.source.Dialects}: the engine behind a connection, and a SQL
 *       renderer for it that quotes every identifier.</li>
 *   <li>{@link dev.migrationstudio.jdbc.source.TableNames}: the near misses a "does not exist" error
 *       names.</li>
 * </ul>
 */
package dev.migrationstudio.jdbc.source;
