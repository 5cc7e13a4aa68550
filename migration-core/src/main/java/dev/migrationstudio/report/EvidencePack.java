package dev.migrationstudio.report;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.review.MappingReview;
import dev.migrationstudio.report.internal.Markdown;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documents a team reviews and signs off: inventory, risk register, mapping, review,
 * migration result, verification report, runbook, rollback plan, rehearsal. Written to one folder
 * with an index ({@code README.md}) that links them.
 *
 * <pre>{@code
 * plan.evidencePack().writeTo(Path.of("target/evidence"));
 * }</pre>
 */
public final class EvidencePack {
    private final String title;
    private final List<Document> documents;

    private EvidencePack(String title, List<Document> documents) {
        this.title = title;
        this.documents = List.copyOf(documents);
    }

    /** An empty pack with a title. */
    public static EvidencePack titled(String title) {
        return new EvidencePack(checkNotNull(title, "title"), List.of());
    }

    /** The pack's title. */
    public String title() {
        return title;
    }

    /** The documents, in order. */
    public List<Document> documents() {
        return documents;
    }

    /** The document with this name and format. */
    public Optional<Document> document(String name, DocumentFormat format) {
        return documents.stream().filter(d -> d.name().equals(name) && d.format() == format).findFirst();
    }

    /** This pack with another document; a document of the same name and format is replaced. */
    public EvidencePack with(Document document) {
        checkNotNull(document, "document");
        List<Document> next = new ArrayList<>();
        documents.stream().filter(d -> !(d.name().equals(document.name()) && d.format() == document.format()))
                .forEach(next::add);
        next.add(document);
        return new EvidencePack(title, next);
    }

    /**
     * This pack with the mapping review added as {@code review.md} and {@code review.json} (replacing an
     * earlier review).
     *
     * <pre>{@code
     * EvidencePack pack = plan.evidencePack().with(review);
     * }</pre>
     */
    public EvidencePack with(MappingReview review) {
        checkNotNull(review, "review");
        return with(new Document("review", "Mapping review", DocumentFormat.MARKDOWN, MarkdownReport.review(review)))
                .with(new Document("review", "Mapping review", DocumentFormat.JSON, JsonReport.review(review)));
    }

    /** This pack with all the documents of another one added. */
    public EvidencePack with(EvidencePack other) {
        EvidencePack result = this;
        for (Document document : other.documents) {
            result = result.with(document);
        }
        return result;
    }

    /** The index page: one line per document, with links to each format. */
    public String index() {
        StringBuilder out = new StringBuilder("# ").append(title).append("\n\n");
        out.append("| Document | Files |\n| --- | --- |\n");
        Map<String, List<Document>> byName = new LinkedHashMap<>();
        documents.forEach(d -> byName.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d));
        byName.forEach((name, docs) -> {
            List<String> links = docs.stream().map(d -> "[" + d.format().extension() + "](" + d.fileName() + ")").toList();
            out.append("| ").append(Markdown.cell(docs.get(0).title())).append(" | ")
                    .append(String.join(" ", links)).append(" |\n");
        });
        return out.toString();
    }

    /**
     * Writes every document and the index {@code README.md} into {@code directory}, creating it.
     *
     * @return the index file
     * @throws MigrationException if a file cannot be written
     */
    public Path writeTo(Path directory) {
        checkNotNull(directory, "directory");
        try {
            Files.createDirectories(directory);
            for (Document document : documents) {
                Files.writeString(directory.resolve(document.fileName()), document.content(), StandardCharsets.UTF_8);
            }
            Path index = directory.resolve("README.md");
            Files.writeString(index, index(), StandardCharsets.UTF_8);
            return index;
        } catch (IOException e) {
            throw new MigrationException("could not write the evidence pack to " + directory + ": " + e.getMessage(), e);
        }
    }
}
