package dev.migrationstudio.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * One part of a {@link Doc}'s body. Every writer knows every kind, so a document shows the same
 * facts in the same order in each format.
 */
public sealed interface Block {

    /**
     * A titled section; sections nest (a section in a section is one heading level deeper).
     *
     * @param heading the heading
     * @param blocks its content
     */
    record Section(Text heading, List<Block> blocks) implements Block {
        /**
         * Copies the content.
         *
         * @param heading the heading
         * @param blocks its content
         */
        public Section {
            checkNotNull(heading, "heading");
            blocks = List.copyOf(blocks);
        }
    }

    /**
     * A paragraph.
     *
     * @param text its text; line breaks are kept
     */
    record Paragraph(Text text) implements Block {
        /**
         * Validates the text.
         *
         * @param text its text; line breaks are kept
         */
        public Paragraph {
            checkNotNull(text, "text");
        }
    }

    /**
     * A list of items.
     *
     * @param numbered whether the items are numbered (an order that matters) or bulleted
     * @param items the items
     */
    record Items(boolean numbered, List<Text> items) implements Block {
        /**
         * Copies the items.
         *
         * @param numbered whether the items are numbered (an order that matters) or bulleted
         * @param items the items
         */
        public Items {
            items = List.copyOf(items);
        }
    }

    /**
     * A table with a header row.
     *
     * @param header the column titles
     * @param rows the rows, each as long as the header
     */
    record Table(List<String> header, List<List<Text>> rows) implements Block {
        /**
         * Copies the rows and checks their width.
         *
         * @param header the column titles
         * @param rows the rows, each as long as the header
         */
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<Text> row : rows) {
                checkArgument(row.size() == header.size(), "a row has %s cells for the %s columns %s",
                        row.size(), header.size(), header);
            }
        }
    }

    /**
     * Preformatted text: SQL, a diagram.
     *
     * @param language the language, e.g. {@code sql} or {@code mermaid}
     * @param text the text
     */
    record Code(String language, String text) implements Block {
        /**
         * Validates the parts.
         *
         * @param language the language, e.g. {@code sql} or {@code mermaid}
         * @param text the text
         */
        public Code {
            checkNotNull(language, "language");
            checkNotNull(text, "text");
        }
    }
}
