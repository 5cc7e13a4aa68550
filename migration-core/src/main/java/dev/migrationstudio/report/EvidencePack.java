package dev.migrationstudio.report;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.report.internal.DocTrees;
import dev.migrationstudio.review.MappingReview;
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
 * The documents a team reviews and signs off: inventory, risk register, mapping, review, dry run,
 * migration result, verification report, runbook, rollback plan, rehearsal, each as Markdown, HTML
 * and JSON. Written to one folder with an index ({@code README.md}, {@code index.html},
 * {@code index.json}) that links them and ends with a {@link SignOff sign-off} section.
 *
 * <pre>{@code
 * plan.evidencePack().with(review).with(verification.evidence())
 *     .signOff(SignOff.blank().environment("production").approver("DBA lead"))
 *     .writeTo(Path.of("target/evidence"));
 * }</pre>
 */
public final class EvidencePack {
    /** The file name of the index, without extension, for the HTML and JSON forms. */
    public static final String INDEX = "index";

    private final String title;
    private final List<Document> documents;
    private final SignOff signOff;

    private EvidencePack(String title, List<Document> documents, SignOff signOff) {
        this.title = title;
        this.documents = List.copyOf(documents);
        this.signOff = signOff;
    }

    /**
     * An empty pack with a title.
     *
     * @param title the pack's title; not null
     * @return the pack, with no document and a blank sign-off
     */
    public static EvidencePack titled(String title) {
        return new EvidencePack(checkNotNull(title, "title"), List.of(), SignOff.blank());
    }

    /**
     * The pack's title.
     *
     * @return the title
     */
    public String title() {
        return title;
    }

    /**
     * The documents, in order.
     *
     * @return the documents, unmodifiable
     */
    public List<Document> documents() {
        return documents;
    }

    /**
     * What the index asks the approvers to sign.
     *
     * @return the sign-off
     */
    public SignOff signOff() {
        return signOff;
    }

    /**
     * This pack with what {@code value} knows added to its sign-off (what the pack already knows,
     * such as the spec fingerprint of a plan's pack, is kept).
     *
     * @param value what to add to the sign-off; not null
     * @return a new pack
     */
    public EvidencePack signOff(SignOff value) {
        return new EvidencePack(title, documents, checkNotNull(value, "signOff").merge(signOff));
    }

    /**
     * The document with this name and format.
     *
     * @param name the document's name, without extension
     * @param format the format
     * @return the document, or empty when the pack has none of that name and format
     */
    public Optional<Document> document(String name, DocumentFormat format) {
        return documents.stream().filter(d -> d.name().equals(name) && d.format() == format).findFirst();
    }

    /**
     * This pack with another document; a document of the same name and format is replaced.
     *
     * @param document the document; not null
     * @return a new pack
     */
    public EvidencePack with(Document document) {
        checkNotNull(document, "document");
        List<Document> next = new ArrayList<>();
        documents.stream().filter(d -> !(d.name().equals(document.name()) && d.format() == document.format()))
                .forEach(next::add);
        next.add(document);
        return new EvidencePack(title, next, signOff);
    }

    /**
     * This pack with a document in every format, named {@code name} (replacing earlier ones of that name).
     *
     * @param name the documents' name, without extension
     * @param doc the document to render; not null
     * @return a new pack
     */
    public EvidencePack with(String name, Doc doc) {
        checkNotNull(doc, "doc");
        EvidencePack result = this;
        for (Document document : doc.documents(name)) {
            result = result.with(document);
        }
        return result;
    }

    /**
     * This pack with the mapping review added as {@code review.md}, {@code review.html} and
     * {@code review.json} (replacing an earlier review).
     *
     * <pre>{@code
     * EvidencePack pack = plan.evidencePack().with(review);
     * }</pre>
     *
     * @param review the review; not null
     * @return a new pack
     */
    public EvidencePack with(MappingReview review) {
        checkNotNull(review, "review");
        return with("review", Docs.review(review)).signOff(SignOff.blank().specFingerprint(review.specFingerprint()));
    }

    /**
     * This pack with all the documents of another one added, and what its sign-off knows.
     *
     * @param other the pack to add; not null
     * @return a new pack
     */
    public EvidencePack with(EvidencePack other) {
        EvidencePack result = this;
        for (Document document : other.documents) {
            result = result.with(document);
        }
        return result.signOff(other.signOff);
    }

    /**
     * The index as a document: one line per document with links to each format, then the sign-off.
     *
     * @return the index document
     */
    public Doc indexDoc() {
        Map<String, List<Document>> byName = new LinkedHashMap<>();
        documents.forEach(d -> byName.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d));
        List<List<?>> rows = new ArrayList<>();
        byName.forEach((name, docs) -> rows.add(List.of(docs.get(0).title(), Text.join(" ", docs.stream()
                .map(d -> Text.link(d.format().extension(), d.fileName())).toList()))));
        String blank = "____________________";
        List<List<?>> approvals = new ArrayList<>();
        List<String> approvers = signOff.approvers().isEmpty() ? List.of(blank, blank) : signOff.approvers();
        approvers.forEach(a -> approvals.add(List.of(a, blank, blank, blank)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("documents", byName.entrySet().stream().map(e -> DocTrees.object("name", e.getKey(),
                "title", e.getValue().get(0).title(),
                "files", e.getValue().stream().map(Document::fileName).toList())).toList());
        Map<String, Object> sign = new LinkedHashMap<>();
        sign.put("approvers", signOff.approvers());
        sign.put("date", signOff.date());
        sign.put("environment", signOff.environment());
        sign.put("specFingerprint", signOff.specFingerprint());
        sign.put("verificationVerdict", signOff.verificationVerdict());
        data.put("signOff", sign);
        return Doc.of(title, data, body -> body
                .table(List.of("Document", "Files"), rows)
                .section("Sign-off", s -> s
                        .paragraph("By signing, each approver confirms having read the documents above and accepts "
                                + "the migration they describe for the environment below.")
                        .table(List.of("Item", "Value"), List.of(
                                List.of("Spec fingerprint", signOff.specFingerprint().map(Text::code)
                                        .orElse(Text.of(blank))),
                                List.of("Verification verdict", signOff.verificationVerdict().orElse(blank)),
                                List.of("Environment", signOff.environment().orElse(blank)),
                                List.of("Date", signOff.date().map(Object::toString).orElse(blank))))
                        .table(List.of("Approver", "Name", "Date", "Signature"), approvals)));
    }

    /**
     * The index page in Markdown ({@code README.md}).
     *
     * @return the Markdown
     */
    public String index() {
        return indexDoc().toMarkdown();
    }

    /**
     * Writes every document and the index ({@code README.md}, {@code index.html}, {@code index.json})
     * into {@code directory}, creating it.
     *
     * @param directory the folder to write into; created with its parents if missing. Not null
     * @return the index file {@code README.md}
     * @throws MigrationException if a file cannot be written
     */
    public Path writeTo(Path directory) {
        checkNotNull(directory, "directory");
        try {
            Files.createDirectories(directory);
            for (Document document : documents) {
                write(directory.resolve(document.fileName()), document.content());
            }
            Doc index = indexDoc();
            write(directory.resolve(INDEX + ".html"), index.toHtml());
            write(directory.resolve(INDEX + ".json"), index.toJson());
            Path readme = directory.resolve("README.md");
            write(readme, index.toMarkdown());
            return readme;
        } catch (IOException e) {
            throw new MigrationException("could not write the evidence pack to " + directory + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
