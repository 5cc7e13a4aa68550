package dev.migrationstudio.report;

/** The formats documents are rendered in. */
public enum DocumentFormat {
    /** Markdown, for people (renders on code hosts, prints well). */
    MARKDOWN("md"),
    /** JSON, for tools. */
    JSON("json"),
    /** A self-contained HTML page. */
    HTML("html");

    private final String extension;

    DocumentFormat(String extension) {
        this.extension = extension;
    }

    /**
     * The file extension, without the dot.
     *
     * @return the extension, e.g. {@code md}
     */
    public String extension() {
        return extension;
    }
}
