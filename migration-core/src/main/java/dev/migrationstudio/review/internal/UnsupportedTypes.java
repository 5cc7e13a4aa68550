package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.review.FindingSeverity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@link FindingKind#UNSUPPORTED_TYPE}: a field copying a column of a type Migration Studio does not
 * carry. Spatial types ({@code GEOMETRY}, {@code POINT}, {@code POLYGON}, ...) arrive as the engine's
 * internal binary form (MySQL's is an SRID followed by WKB), which no other engine reads as the same
 * shape: copying the bytes would load something else, or fail.
 */
final class UnsupportedTypes implements ReviewRule {

    private static final Set<String> SPATIAL = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection", "geography");

    @Override
    public List<Draft> check(ReviewContext context) {
        List<Draft> drafts = new ArrayList<>();
        for (ReviewContext.Site site : context.sites()) {
            for (FieldMapping field : site.mapping().fields()) {
                Optional<ColumnInfo> column = field.source().flatMap(site.source()::column);
                if (column.isEmpty() || !spatial(column.get().type())) {
                    continue;
                }
                String location = Texts.fieldLocation(site.mapping(), field);
                Draft draft = Draft.of(FindingKind.UNSUPPORTED_TYPE, FindingSeverity.BLOCKER, location,
                        "%s.%s is %s, a spatial type Migration Studio does not carry: its values are the engine's own "
                                + "binary form, which the target would not read as the same shape",
                        site.source().name(), column.get().name(), column.get().type().nativeName())
                        .fix(".drop(\"%s\", \"...\") with a reason, and move the shapes with the engines' own tools "
                                + "(e.g. ST_AsText in the source, ST_GeomFromText in the target)", column.get().name())
                        .source(site.source()).scope(List.of(site.mapping()), field.target(), column.get().name());
                long rows = site.rowsReaching();
                drafts.add(rows >= 0 ? draft.rows(rows) : draft);
            }
        }
        return drafts;
    }

    private static boolean spatial(SqlType type) {
        String name = type.nativeName().toLowerCase(Locale.ROOT);
        int paren = name.indexOf('(');
        return type.kind() == SqlType.Kind.OTHER && SPATIAL.contains((paren < 0 ? name : name.substring(0, paren)).trim());
    }
}
