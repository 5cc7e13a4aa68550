package dev.migrationstudio.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.verify.replay.QueryLog;
import dev.migrationstudio.verify.replay.QueryRewriter;
import dev.migrationstudio.verify.replay.RewrittenQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.ParseUnknownFunctions;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * What capturing and rewriting a query log costs: N statements over a 20-table spec (joins with
 * aliases, aggregates, placeholders, a dropped column now and then) read from text and rewritten
 * through the spec, against a baseline that only parses and renders the same statements with jOOQ.
 * No database: the replay's own overhead, not the queries' run time.
 *
 * <pre>
 * ReplayBenchmark [--statements N] [--repeats R] [--out DIR]
 * </pre>
 */
public final class ReplayBenchmark {
    private static final int TABLES = 20;

    private ReplayBenchmark() {
    }

    /** Runs the benchmark and writes {@code replay-results.json}. */
    public static void main(String[] args) throws Exception {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        int statements = Integer.parseInt(option(args, "--statements", "200"));
        int repeats = Integer.parseInt(option(args, "--repeats", "5"));
        Path out = Path.of(option(args, "--out", "target/bench"));
        MappingSpec spec = spec();
        String text = log(statements);
        QueryRewriter rewriter = QueryRewriter.through(spec, SQLDialect.POSTGRES, SQLDialect.POSTGRES)
                .sampling((query, count) -> java.util.Collections.nCopies(count, 1));
        DSLContext parser = DSL.using(SQLDialect.POSTGRES, new Settings()
                .withParseUnknownFunctions(ParseUnknownFunctions.IGNORE));

        long baseline = Long.MAX_VALUE;
        long replay = Long.MAX_VALUE;
        int rewritten = 0;
        for (int run = 0; run < repeats + 1; run++) {  // the first run warms up
            long started = System.nanoTime();
            for (String sql : text.replaceAll("\\$\\d+", "?").split(";\n")) {
                if (!sql.isBlank()) {
                    parser.render(parser.parser().parseQuery(sql));
                }
            }
            long parsed = System.nanoTime() - started;
            started = System.nanoTime();
            List<RewrittenQuery> result = rewriter.rewrite(QueryLog.fromText(text, "bench.sql"));
            long rewrote = System.nanoTime() - started;
            if (run > 0) {
                baseline = Math.min(baseline, parsed);
                replay = Math.min(replay, rewrote);
            }
            rewritten = (int) result.stream().filter(RewrittenQuery::replayable).count();
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("statements", statements);
        results.put("rewritten", rewritten);
        results.put("repeats", repeats);
        results.put("parseAndRenderMillis", baseline / 1e6);
        results.put("captureAndRewriteMillis", replay / 1e6);
        results.put("microsPerStatement", replay / 1e3 / statements);
        results.put("ratioToParseAndRender", replay / (double) baseline);
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("replay-results.json").toFile(), results);
        System.out.printf(Locale.ROOT, "%d statements (%d rewritten): capture and rewrite %.1f ms (%.0f us each), "
                        + "%.2fx a plain jOOQ parse and render (%.1f ms); best of %d%n", statements, rewritten,
                replay / 1e6, replay / 1e3 / statements, replay / (double) baseline, baseline / 1e6, repeats);
    }

    private static MappingSpec spec() {
        MappingSpec.Builder builder = MappingSpec.builder("bench");
        for (int t = 0; t < TABLES; t++) {
            int table = t;
            builder.table("t" + t).to("v2_t" + t, rules -> {
                rules.key("id").to("v2_id");
                for (int c = 0; c < 8; c++) {
                    rules.field("c" + c).to("v2_c" + c);
                }
                rules.drop("old" + table, "retired");
            });
        }
        return builder.build();
    }

    /** N statements of a few shapes over the spec's tables. */
    private static String log(int statements) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < statements; i++) {
            int a = i % TABLES;
            int b = (i * 7 + 3) % TABLES;
            switch (i % 5) {
                case 0 -> text.append("SELECT x.c1, y.c2, COUNT(*) FROM t").append(a).append(" x JOIN t").append(b)
                        .append(" y ON y.id = x.c3 WHERE x.c4 > ").append(i).append(" GROUP BY x.c1, y.c2");
                case 1 -> text.append("SELECT c0, c5 FROM t").append(a).append(" WHERE id = $1 ORDER BY c0");
                case 2 -> text.append("SELECT SUM(c6) FROM t").append(a)
                        .append(" WHERE c7 LIKE 'a%' AND c2 IN (1, 2, ").append(i).append(")");
                case 3 -> text.append("SELECT old").append(a).append(" FROM t").append(a);
                default -> text.append("SELECT t.c1 FROM t").append(a).append(" t WHERE t.id IN (SELECT c3 FROM t")
                        .append(b).append(" WHERE c4 = ?)");
            }
            text.append(";\n");
        }
        return text.toString();
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
