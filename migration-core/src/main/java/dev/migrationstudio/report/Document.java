package dev.migrationstudio.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;

/**
 * One rendered document of an evidence pack.
 *
 * @param name file name without extension, e.g. {@code inventory}; letters, digits, {@code -} and {@code _}
 * @param title a human-readable title
 * @param format the format
 * @param content the rendered text
 */
public record Document(String name, String title, DocumentFormat format, String content) {

    /**
     * Validates the parts.
     *
     * @param name file name without extension, e.g. {@code inventory}; letters, digits, {@code -} and {@code _}
     * @param title a human-readable title
     * @param format the format
     * @param content the rendered text
     */
    public Document {
        Names.requireName(name, "document name");
        checkArgument(name.matches("[A-Za-z0-9_-]+"), "document name '%s' must be letters, digits, - or _", name);
        Names.requireName(title, "document title");
        checkNotNull(format, "format");
        checkNotNull(content, "content");
    }

    /**
     * The file name: name plus extension.
     *
     * @return the file name, e.g. {@code inventory.md}
     */
    public String fileName() {
        return name + "." + format.extension();
    }
}
