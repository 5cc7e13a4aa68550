package dev.migrationstudio.report;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects the blocks of a {@link Doc} or of one of its sections. Values that are not a
 * {@link Text} are shown as plain text.
 *
 * <pre>{@code
 * Doc.of("Runbook: v2 cutover", data, body -> body
 *     .paragraph(Text.of("Point of no return: ").andStrong("switch reads"))
 *     .section("Communication", s -> s.table(List.of("When", "Who"), rows)));
 * }</pre>
 */
public final class Blocks {
    private final List<Block> blocks = new ArrayList<>();

    Blocks() {
    }

    /**
     * Adds a block.
     *
     * @param block the block; not null
     * @return these blocks
     */
    public Blocks add(Block block) {
        blocks.add(checkNotNull(block, "block"));
        return this;
    }

    /**
     * Adds a paragraph.
     *
     * @param text the paragraph, a {@link Text} or any value shown as text
     * @return these blocks
     */
    public Blocks paragraph(Object text) {
        return add(new Block.Paragraph(Text.of(text)));
    }

    /**
     * Adds a bulleted list; nothing when {@code items} is empty.
     *
     * @param items the items, each a {@link Text} or any value shown as text
     * @return these blocks
     */
    public Blocks bullets(Collection<?> items) {
        return items.isEmpty() ? this : add(new Block.Items(false, items.stream().map(Text::of).toList()));
    }

    /**
     * Adds a numbered list; nothing when {@code items} is empty.
     *
     * @param items the items, each a {@link Text} or any value shown as text
     * @return these blocks
     */
    public Blocks numbered(Collection<?> items) {
        return items.isEmpty() ? this : add(new Block.Items(true, items.stream().map(Text::of).toList()));
    }

    /**
     * Adds a table; cells that are not a {@link Text} are plain text ({@code null} is an empty cell).
     *
     * @param header the column headings
     * @param rows the rows, each as many cells as headings
     * @return these blocks
     */
    public Blocks table(List<String> header, List<? extends List<?>> rows) {
        List<List<Text>> cells = new ArrayList<>();
        for (List<?> row : rows) {
            List<Text> texts = new ArrayList<>();
            row.forEach(cell -> texts.add(Text.of(cell)));
            cells.add(texts);
        }
        return add(new Block.Table(header, cells));
    }

    /**
     * Adds preformatted text, e.g. SQL or a Mermaid diagram.
     *
     * @param language the language, e.g. {@code sql} or {@code mermaid}
     * @param text the text, shown as is
     * @return these blocks
     */
    public Blocks code(String language, String text) {
        return add(new Block.Code(language, text));
    }

    /**
     * Adds a section with a heading, filled by {@code content}.
     *
     * @param heading the heading, a {@link Text} or any value shown as text
     * @param content fills the section
     * @return these blocks
     */
    public Blocks section(Object heading, Consumer<Blocks> content) {
        Blocks inner = new Blocks();
        content.accept(inner);
        return add(new Block.Section(Text.of(heading), inner.blocks()));
    }

    List<Block> blocks() {
        return List.copyOf(blocks);
    }
}
