package dev.migrationstudio.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One model, three writers: each escapes for its format and shows the same facts. */
class DocTest {
    private static final String NASTY = "a | b <script>x</script> & \"q\" 'r'\nnext";

    private static Doc doc() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", NASTY + "\t\u0001\u001f\\ \u2028");
        data.put("at", Instant.parse("2026-11-30T08:00:00.123456789Z"));
        data.put("took", Duration.ofNanos(1_500_123_456L));
        data.put("missing", Optional.empty());
        data.put("list", List.of(1, 2.5, true));
        return Doc.of("Title <T> & co", data, body -> body
                .paragraph(Text.of("Fingerprint: ").andCode("ab`c|d").and(". ").andStrong("GO"))
                .section("Section | one", s -> s
                        .bullets(List.of(NASTY, Text.code("customer_id")))
                        .table(List.of("Key", "Value"), List.of(List.of("k", NASTY), List.of(Text.code("x|y"), ""))))
                .code("sql", "SELECT 1 WHERE a < b;"));
    }

    @Test
    void markdownEscapesEveryCharacterThatWouldBeReadAsMarkup() {
        String markdown = doc().toMarkdown();

        assertThat(markdown).startsWith("# Title \\<T> & co\n\n")
                .contains("Fingerprint: ``ab`c|d``. **GO**")
                .contains("## Section \\| one")
                .contains("- a \\| b \\<script>x\\</script> & \"q\" 'r'<br>next")
                .contains("- `customer_id`")
                .contains("| k | a \\| b \\<script>x\\</script> & \"q\" 'r'<br>next |")
                .contains("| `x\\|y` | - |")
                .contains("```sql\nSELECT 1 WHERE a < b;\n```")
                .doesNotContainPattern("(?<!\\\\)<script>");
    }

    @Test
    void markdownKeepsIdentifiersAndSignatureLinesReadable() {
        assertThat(dev.migrationstudio.report.internal.MarkdownWriter.escape("customer_id -> client_id"))
                .isEqualTo("customer_id -> client_id");
        assertThat(dev.migrationstudio.report.internal.MarkdownWriter.escape("________")).isEqualTo("________");
        assertThat(dev.migrationstudio.report.internal.MarkdownWriter.escape("_emphasis_ *bold* [link]"))
                .isEqualTo("\\_emphasis\\_ \\*bold\\* \\[link\\]");
        assertThat(dev.migrationstudio.report.internal.MarkdownWriter.escape("&amp; & x")).isEqualTo("&amp;amp; & x");
    }

    @Test
    void htmlEscapesTextAndIsSelfContained() {
        String html = doc().toHtml();

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<title>Title &lt;T&gt; &amp; co</title>")
                .contains("<td>a | b &lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot; &#39;r&#39;<br>next</td>")
                .contains("<code>ab`c|d</code>").contains("<strong>GO</strong>")
                .contains("<h2>Section | one</h2>")
                .contains("SELECT 1 WHERE a &lt; b;")
                .doesNotContain("<script>").doesNotContain("src=").doesNotContain("http");
    }

    @Test
    void jsonEscapesStringsAndWritesTimesInUtcMilliseconds() throws Exception {
        String json = doc().toJson();

        assertThat(json).contains("\\t\\u0001\\u001f\\\\ \\u2028").contains("\\\"q\\\"").contains("\\nnext");
        JsonNode tree = new ObjectMapper().readTree(json);
        assertThat(tree.get("text").asText()).isEqualTo(NASTY + "\t\u0001\u001f\\ \u2028");
        assertThat(tree.get("at").asText()).isEqualTo("2026-11-30T08:00:00.123Z");
        assertThat(tree.get("took").asText()).isEqualTo("PT1.5S");
        assertThat(tree.get("missing").isNull()).isTrue();
        assertThat(tree.get("list").get(1).asDouble()).isEqualTo(2.5);
    }

    @Test
    void aDocumentWithoutDataWritesItsOutlineAsJson() throws Exception {
        Doc doc = Doc.of("Plain", Map.of(), body -> body.paragraph("hello")
                .section("S", s -> s.table(List.of("A"), List.of(List.of("1")))));

        JsonNode tree = new ObjectMapper().readTree(doc.toJson());

        assertThat(tree.get("title").asText()).isEqualTo("Plain");
        assertThat(tree.at("/content/0/paragraph").asText()).isEqualTo("hello");
        assertThat(tree.at("/content/1/content/0/table/0/A").asText()).isEqualTo("1");
    }

    @Test
    void rendersAsOneDocumentPerFormat() {
        List<Document> documents = doc().documents("sample");

        assertThat(documents).extracting(Document::fileName).containsExactly("sample.md", "sample.json", "sample.html");
        assertThat(documents).extracting(Document::title).containsOnly("Title <T> & co");
    }

    @Test
    void theModelIsImmutable() {
        Doc doc = doc();

        assertThatThrownBy(() -> doc.data().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> doc.body().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new Block.Table(List.of("a", "b"), List.of(List.of(Text.of("1")))))
                .hasMessageContaining("a row has 1 cells for the 2 columns");
    }
}
