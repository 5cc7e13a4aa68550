package dev.migrationstudio.report;

/**
 * A result that is also a document: implement {@link #toDoc()} and the Markdown, HTML and JSON
 * forms follow from it, so that every result renders through the same writers.
 *
 * <pre>{@code
 * MigrationResult result = migrator.migrate();
 * Files.writeString(Path.of("migration.html"), result.toHtml());
 * }</pre>
 */
public interface Renderable {

    /**
     * The result as a document, to render in any {@link DocumentFormat}.
     *
     * @return the document
     */
    Doc toDoc();

    /**
     * The result as Markdown, for people: {@code toDoc().toMarkdown()}.
     *
     * @return the Markdown
     */
    default String toMarkdown() {
        return toDoc().toMarkdown();
    }

    /**
     * The result as one self-contained HTML page: {@code toDoc().toHtml()}.
     *
     * @return the HTML page
     */
    default String toHtml() {
        return toDoc().toHtml();
    }

    /**
     * The result as JSON, for tools: {@code toDoc().toJson()}.
     *
     * @return the JSON
     */
    default String toJson() {
        return toDoc().toJson();
    }
}
