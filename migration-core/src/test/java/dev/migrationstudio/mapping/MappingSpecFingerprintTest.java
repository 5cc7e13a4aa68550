package dev.migrationstudio.mapping;

import static dev.migrationstudio.mapping.Transforms.convert;
import static dev.migrationstudio.mapping.Transforms.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint covers the code of the spec's Java functions, not only their names. */
class MappingSpecFingerprintTest {

    @Test
    void aConverterWhoseBodyChangesUnderTheSameNameChangesTheFingerprint() {
        String trimmed = fingerprint(t -> t.key("id").field("name").transform(text("normalise name", String::trim)));
        String stripped = fingerprint(t -> t.key("id").field("name")
                .transform(text("normalise name", s -> s.strip().toLowerCase(Locale.ROOT))));
        String upper = fingerprint(t -> t.key("id").field("name")
                .transform(text("normalise name", s -> s.strip().toUpperCase(Locale.ROOT))));

        assertThat(List.of(trimmed, stripped, upper)).doesNotHaveDuplicates();
    }

    @Test
    void aConverterWhoseConstantsChangeChangesTheFingerprint() {
        List<String> variants = List.of(
                fingerprint(t -> t.key("id").field("n").transform(convert("adjust", v -> (Integer) v + 1))),
                fingerprint(t -> t.key("id").field("n").transform(convert("adjust", v -> (Integer) v + 2))),
                fingerprint(t -> t.key("id").field("n").transform(convert("adjust", v -> (Long) v + 100_000L))),
                fingerprint(t -> t.key("id").field("n").transform(convert("adjust", v -> (Long) v + 100_001L))),
                fingerprint(t -> t.key("id").field("n").transform(convert("adjust", v -> "#" + v))),
                fingerprint(t -> t.key("id").field("n").transform(convert("adjust", v -> "@" + v))));

        assertThat(variants).doesNotHaveDuplicates();
    }

    @Test
    void theSameSpecBuiltTwiceHasTheSameFingerprint() {
        assertThat(richSpec().fingerprint()).isEqualTo(richSpec().fingerprint());
        assertThat(richSpec().canonicalText()).contains("{code ").doesNotContain("{code not read}");
    }

    @Test
    void aDifferentCapturedValueChangesTheFingerprint() {
        assertThat(withSuffix("-a")).isEqualTo(withSuffix("-a")).isNotEqualTo(withSuffix("-b"));
        assertThat(withLimit(10)).isEqualTo(withLimit(10)).isNotEqualTo(withLimit(11));
        assertThat(withDictionary(Map.of("UK", "GB", "FR", "FR")))
                .isEqualTo(withDictionary(Map.of("FR", "FR", "UK", "GB")))
                .isNotEqualTo(withDictionary(Map.of("UK", "GB", "FR", "FX")));
    }

    @Test
    void aFilterWhoseBodyChangesUnderTheSameNameChangesTheFingerprint() {
        String a = fingerprint(t -> t.key("id").field("status")
                .filter("active only", List.of("status"), row -> "A".equals(row.string("status"))));
        String b = fingerprint(t -> t.key("id").field("status")
                .filter("active only", List.of("status"), row -> "B".equals(row.string("status"))));
        String c = fingerprint(t -> t.key("id").field("status")
                .filter("active only", List.of("status"), row -> !"A".equals(row.string("status"))));

        assertThat(List.of(a, b, c)).doesNotHaveDuplicates();
    }

    @Test
    void aDerivationWhoseBodyChangesUnderTheSameNameChangesTheFingerprint() {
        String a = fingerprint(t -> t.key("id").derive("full", List.of("first", "last"),
                row -> row.string("first") + " " + row.string("last")));
        String b = fingerprint(t -> t.key("id").derive("full", List.of("first", "last"),
                row -> row.string("last") + ", " + row.string("first")));

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aChangeInAMethodTheLambdaCallsInTheSameClassChangesTheFingerprint() {
        String viaOne = fingerprint(t -> t.key("id").field("n").transform(convert("clean", v -> cleanOne(v))));
        String viaOther = fingerprint(t -> t.key("id").field("n").transform(convert("clean", v -> cleanOther(v))));
        String referenced = fingerprint(t -> t.key("id").field("n")
                .transform(convert("clean", MappingSpecFingerprintTest::cleanOne)));

        assertThat(List.of(viaOne, viaOther, referenced)).doesNotHaveDuplicates();
    }

    @Test
    void theSameCodeWrittenInTwoPlacesHasTheSameFingerprint() {
        assertThat(writtenHere()).isEqualTo(writtenThere());
        assertThat(nestedHere()).isEqualTo(nestedThere());
    }

    @Test
    void movingTheCodeOrChangingUnrelatedCodeOfTheClassKeepsTheFingerprint(@TempDir Path dir) throws Exception {
        String original = compiled(dir.resolve("a"), ""
                + "public class Sample {\n"
                + "    public static dev.migrationstudio.mapping.ValueFunction converter() {\n"
                + "        return v -> v + \"-x\";\n"
                + "    }\n"
                + "}\n");
        String moved = compiled(dir.resolve("b"), ""
                + "import java.util.List;\n"
                + "/** Comments, an unrelated method and its constants shift lines and constant-pool entries. */\n"
                + "public class Sample {\n"
                + "    static List<Object> unrelated() {\n"
                + "        return List.of(\"other\", 42_000, 3.5, Sample.class);\n"
                + "    }\n"
                + "\n"
                + "    // the converter, further down\n"
                + "    public static dev.migrationstudio.mapping.ValueFunction converter() {\n"
                + "        Runnable before = () -> System.out.println(\"another lambda first\");\n"
                + "        return v ->\n"
                + "                v + \"-x\";\n"
                + "    }\n"
                + "}\n");
        String changed = compiled(dir.resolve("c"), ""
                + "public class Sample {\n"
                + "    public static dev.migrationstudio.mapping.ValueFunction converter() {\n"
                + "        return v -> v + \"-y\";\n"
                + "    }\n"
                + "}\n");

        assertThat(moved).isEqualTo(original);
        assertThat(changed).isNotEqualTo(original);
    }

    @Test
    void aNamedClassIsCoveredByItsCodeAndFields() {
        assertThat(fingerprint(t -> t.key("id").field("n").transform(convert("pad", new Pad(3)))))
                .isEqualTo(fingerprint(t -> t.key("id").field("n").transform(convert("pad", new Pad(3)))))
                .isNotEqualTo(fingerprint(t -> t.key("id").field("n").transform(convert("pad", new Pad(4)))));
    }

    @Test
    void codeThatCannotBeReadFallsBackToTheNameAndSaysSo() {
        Function<Object, Object> plain = v -> v;
        MappingSpec spec = MappingSpec.builder("s").table("t").to("u", t -> t.key("id").field("n")
                .transform(convert("as is", plain::apply))).build();

        assertThat(spec.canonicalText()).contains("as is {code not read}");
        assertThat(spec.fingerprint()).isEqualTo(MappingSpec.builder("s").table("t").to("u", t -> t.key("id")
                .field("n").transform(convert("as is", ((Function<Object, Object>) v -> v)::apply))).build()
                .fingerprint());
    }

    // --- helpers --------------------------------------------------------------------------------

    private static MappingSpec richSpec() {
        return MappingSpec.builder("rich").table("t").to("u", t -> t
                .key("id")
                .field("name").transform(Transforms.trim()).transform(text("initials", s -> s.substring(0, 1)))
                .field("country").transform(Transforms.map(Map.of("UK", "GB")))
                .derive("label", List.of("name"), row -> "[" + row.string("name") + "]")
                .filter("named", List.of("name"), row -> row.string("name") != null))
                .build();
    }

    private static String withSuffix(String suffix) {
        return fingerprint(t -> t.key("id").field("n").transform(convert("suffix", v -> v + suffix)));
    }

    private static String withLimit(int limit) {
        return fingerprint(t -> t.key("id").field("n").transform(text("cut", s -> s.substring(0, limit))));
    }

    private static String withDictionary(Map<String, String> dictionary) {
        return fingerprint(t -> t.key("id").field("n").transform(convert("lookup", dictionary::get)));
    }

    private static String writtenHere() {
        return fingerprint(t -> t.key("id").field("n").transform(text("clean", s -> s.strip().replace('_', ' '))));
    }

    // Lines in between: the same code at another place of the file, under another line number.

    private static String writtenThere() {
        return fingerprint(t -> t.key("id").field("n").transform(text("clean", s -> s.strip().replace('_', ' '))));
    }

    private static String nestedHere() {
        return fingerprint(t -> t.key("id").field("n").transform(convert("each", v -> ((List<?>) v).stream()
                .map(x -> x + "!").toList())));
    }

    private static String nestedThere() {
        return fingerprint(t -> t.key("id").field("n").transform(convert("each", v -> ((List<?>) v).stream()
                .map(x -> x + "!").toList())));
    }

    private static Object cleanOne(Object value) {
        return value.toString().strip();
    }

    private static Object cleanOther(Object value) {
        return value.toString().trim();
    }

    /** A converter written as a class rather than a lambda. */
    private static final class Pad implements ValueFunction {
        private static final long serialVersionUID = 1L;
        private final int width;

        Pad(int width) {
            this.width = width;
        }

        @Override
        public Object apply(Object value) {
            return String.format("%" + width + "s", value);
        }
    }

    /** Compiles the class {@code Sample} and returns the fingerprint of a spec using its converter. */
    private static String compiled(Path dir, String source) throws Exception {
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve("Sample.java"), source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-g", "-classpath", System.getProperty("java.class.path"),
                "-d", dir.toString(), file.toString());
        assertThat(status).as("compilation of %s", source).isZero();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                MappingSpecFingerprintTest.class.getClassLoader())) {
            ValueFunction converter = (ValueFunction) loader.loadClass("Sample").getMethod("converter").invoke(null);
            return fingerprint(t -> t.key("id").field("n").transform(convert("suffix", converter)));
        }
    }

    private static String fingerprint(Consumer<TableRules> rules) {
        return MappingSpec.builder("s").table("t").to("u", rules).build().fingerprint();
    }
}
