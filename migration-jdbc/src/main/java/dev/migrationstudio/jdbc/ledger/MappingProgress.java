package dev.migrationstudio.jdbc.ledger;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.jdbc.RowCounts;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the ledger records for one table mapping: its committed chunks, in number order.
 *
 * @param mapping the table mapping, as {@code TableMapping.describe()}, e.g. {@code customer -> client}
 * @param chunks its committed chunks, by number
 * @param complete whether a table without a key was reloaded whole (a re-run skips it); always
 *     false for a keyed table, which a re-run continues after {@link #lastKey()}
 */
public record MappingProgress(String mapping, List<LedgerChunk> chunks, boolean complete) {

    /**
     * Checks the values and orders the chunks by number.
     *
     * @param mapping the table mapping, as {@code TableMapping.describe()}, e.g. {@code customer -> client}
     * @param chunks its committed chunks, by number
     * @param complete whether a table without a key was reloaded whole (a re-run skips it); always false for a
     *     keyed table, which a re-run continues after {@link #lastKey()}
     */
    public MappingProgress {
        checkNotNull(mapping, "mapping");
        chunks = chunks.stream().sorted(Comparator.comparingLong(LedgerChunk::number)).toList();
    }

    /**
     * Nothing recorded for a mapping.
     *
     * @param mapping the mapping's name, e.g. {@code customer -> client}
     * @return progress with no chunk, not complete
     */
    public static MappingProgress none(String mapping) {
        return new MappingProgress(mapping, List.of(), false);
    }

    /**
     * The rows of every chunk together.
     *
     * @return the sum of the chunks' counts; zero when there is no chunk
     */
    public RowCounts total() {
        return chunks.stream().map(LedgerChunk::counts).reduce(RowCounts.zero(), RowCounts::plus);
    }

    /**
     * The last key of the last chunk, where a resumed run reads on; empty before the first chunk.
     *
     * @return the key values, in key order
     */
    public Optional<List<Object>> lastKey() {
        return chunks.isEmpty() ? Optional.empty() : chunks.get(chunks.size() - 1).lastKey();
    }
}
