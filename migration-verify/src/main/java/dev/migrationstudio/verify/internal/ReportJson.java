package dev.migrationstudio.verify.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.common.io.BaseEncoding;
import dev.migrationstudio.MigrationException;
import dev.migrationstudio.verify.ColumnDifference;
import dev.migrationstudio.verify.Discrepancy;
import dev.migrationstudio.verify.IntegrityCheck;
import dev.migrationstudio.verify.ParityResult;
import dev.migrationstudio.verify.TableVerification;
import dev.migrationstudio.verify.VerificationReport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report as JSON, for tools. Values keep their JSON type where they have one; others are ISO text. */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** Renders the report. */
    public static String render(VerificationReport report) {
        try {
            return MAPPER.writeValueAsString(tree(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new MigrationException("cannot render the verification report as JSON: " + e.getMessage(), e);
        }
    }

    /** The report as maps and lists. */
    public static Map<String, Object> tree(VerificationReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("spec", report.specName());
        root.put("specFingerprint", report.specFingerprint());
        root.put("passed", report.passed());
        root.put("source", report.sourceEngine());
        root.put("target", report.targetEngine());
        root.put("startedAt", report.startedAt().toString());
        root.put("durationMillis", report.duration().toMillis());
        root.put("checks", report.checks());
        root.put("settings", report.settings());
        root.put("failures", report.failures());
        root.put("tables", report.tables().stream().map(ReportJson::table).toList());
        root.put("parity", report.parity().stream().map(ReportJson::parity).toList());
        return root;
    }

    private static Map<String, Object> table(TableVerification table) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", table.source().toString());
        map.put("target", table.target().toString());
        map.put("passed", table.passed());
        map.put("keyless", table.keyless());
        table.rowCounts().ifPresent(c -> {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("sourceRows", c.sourceRows());
            counts.put("expectedLoaded", c.expectedLoaded());
            counts.put("filteredByRule", c.filteredByRule());
            counts.put("expectedQuarantined", c.expectedQuarantined());
            counts.put("quarantinedByLoader", c.quarantinedByLoader());
            counts.put("quarantineExamples", c.quarantineExamples());
            counts.put("targetRows", c.targetRows());
            counts.put("difference", c.difference());
            map.put("rowCounts", counts);
        });
        table.checksums().ifPresent(c -> {
            Map<String, Object> checksums = new LinkedHashMap<>();
            checksums.put("method", c.method());
            checksums.put("sourceDigest", c.sourceDigest());
            checksums.put("targetDigest", c.targetDigest());
            checksums.put("matches", c.matches());
            checksums.put("chunks", c.chunks());
            checksums.put("chunksDiffering", c.chunksDiffering());
            checksums.put("rangesBisected", c.rangesBisected());
            checksums.put("rowsComparedIndividually", c.rowsComparedIndividually());
            checksums.put("pushdown", c.pushdown());
            map.put("checksums", checksums);
        });
        map.put("missingRows", table.missingRows());
        map.put("extraRows", table.extraRows());
        map.put("changedRows", table.changedRows());
        map.put("discrepancies", table.discrepancies().stream().map(ReportJson::discrepancy).toList());
        table.sample().ifPresent(s -> {
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("requested", s.requested());
            sample.put("checked", s.checked());
            sample.put("seed", s.seed());
            sample.put("mismatches", s.mismatches().stream().map(ReportJson::discrepancy).toList());
            map.put("sample", sample);
        });
        map.put("integrity", table.integrity().stream().map(ReportJson::integrity).toList());
        map.put("errors", table.errors());
        Map<String, Object> timings = new LinkedHashMap<>();
        table.timings().forEach((phase, duration) -> timings.put(phase, duration.toMillis()));
        map.put("timingsMillis", timings);
        return map;
    }

    private static Map<String, Object> discrepancy(Discrepancy discrepancy) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", discrepancy.kind().name());
        map.put("table", discrepancy.table().toString());
        map.put("key", values(discrepancy.key()));
        if (discrepancy instanceof Discrepancy.Changed) {
            List<Map<String, Object>> columns = new ArrayList<>();
            for (ColumnDifference column : ((Discrepancy.Changed) discrepancy).columns()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("column", column.column());
                c.put("expected", value(column.expected()));
                c.put("actual", value(column.actual()));
                columns.add(c);
            }
            map.put("columns", columns);
        } else if (discrepancy instanceof Discrepancy.Missing) {
            map.put("expected", values(((Discrepancy.Missing) discrepancy).expected()));
            map.put("copies", ((Discrepancy.Missing) discrepancy).copies());
        } else {
            map.put("actual", values(((Discrepancy.Extra) discrepancy).actual()));
            map.put("copies", ((Discrepancy.Extra) discrepancy).copies());
        }
        map.put("description", discrepancy.describe());
        return map;
    }

    private static Map<String, Object> integrity(IntegrityCheck check) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", check.kind().name());
        map.put("name", check.name());
        map.put("columns", check.columns());
        map.put("expectedBy", check.expectedBy());
        map.put("outcome", check.outcome().name());
        map.put("violations", check.violations());
        map.put("examples", check.examples().stream().map(ReportJson::values).toList());
        map.put("message", check.message());
        return map;
    }

    private static Map<String, Object> parity(ParityResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", result.name());
        map.put("passed", result.passed());
        map.put("ordered", result.ordered());
        map.put("sourceRows", result.sourceRows());
        map.put("targetRows", result.targetRows());
        map.put("differingRows", result.differingRows());
        map.put("error", result.error().orElse(null));
        map.put("firstDifferences", result.firstDifferences().stream().map(d -> {
            Map<String, Object> difference = new LinkedHashMap<>();
            difference.put("position", d.position());
            difference.put("source", d.sourceRow().map(r -> r.stream().map(ReportJson::value).toList()).orElse(null));
            difference.put("target", d.targetRow().map(r -> r.stream().map(ReportJson::value).toList()).orElse(null));
            return difference;
        }).toList());
        map.put("durationMillis", result.duration().toMillis());
        return map;
    }

    private static Map<String, Object> values(Map<String, Object> values) {
        Map<String, Object> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(k, value(v)));
        return map;
    }

    private static Object value(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? value : value.toString();
        }
        if (value instanceof byte[]) {
            return "\\x" + BaseEncoding.base16().lowerCase().encode((byte[]) value);
        }
        return value.toString();
    }
}
