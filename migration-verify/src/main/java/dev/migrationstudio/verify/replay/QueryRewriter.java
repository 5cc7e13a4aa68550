package dev.migrationstudio.verify.replay;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.jdbc.source.Dialects;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.verify.replay.internal.MappedNames;
import dev.migrationstudio.verify.replay.internal.StatementSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.conf.ParamType;
import org.jooq.conf.ParseUnknownFunctions;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * Translates the queries an application runs on the source into the queries it runs on the target,
 * through a {@link MappingSpec}: tables and columns renamed as the spec renames them, rendered for the
 * target's engine. A query that reads a dropped column, a column that only feeds a derived one, or a
 * table left behind is reported as not replayable, naming the column; a statement that writes is
 * refused (replay only reads); one the parser cannot read is listed with the parser's reason.
 *
 * <pre>{@code
 * QueryRewriter rewriter = QueryRewriter.through(spec, SQLDialect.POSTGRES, SQLDialect.POSTGRES);
 * RewrittenQuery query = rewriter.rewrite(CapturedQuery.of("SELECT name FROM track WHERE track_id = 7", "app"));
 * query.targetSql(); // SELECT "title" FROM "song" WHERE "song_id" = 7, as PostgreSQL spells it
 * }</pre>
 */
public final class QueryRewriter {
    private final MappingSpec spec;
    static {
        // The library's contexts keep jOOQ's logo and tips out of users' logs; this class makes its own,
        // perhaps first, so it has that done before jOOQ renders anything.
        Dialects.renderer(SQLDialect.DEFAULT);
    }

    private final SQLDialect sourceDialect;
    private final SQLDialect targetDialect;
    private final ParameterSampler sampler;
    private final DSLContext parser;

    private QueryRewriter(MappingSpec spec, SQLDialect sourceDialect, SQLDialect targetDialect,
                          ParameterSampler sampler) {
        this.spec = spec;
        this.sourceDialect = sourceDialect;
        this.targetDialect = targetDialect;
        this.sampler = sampler;
        this.parser = DSL.using(new DefaultConfiguration().set(sourceDialect).set(new Settings()
                .withParseDialect(sourceDialect).withParseUnknownFunctions(ParseUnknownFunctions.IGNORE)));
    }

    /**
     * A rewriter from one engine's SQL to another's, through a spec.
     *
     * @param spec the spec whose tables and columns the queries are rewritten to; not null
     * @param sourceDialect the source's SQL dialect; not null
     * @param targetDialect the target's SQL dialect; not null
     * @return the rewriter, with no parameter sampler
     */
    public static QueryRewriter through(MappingSpec spec, SQLDialect sourceDialect, SQLDialect targetDialect) {
        return new QueryRewriter(checkNotNull(spec, "spec"), checkNotNull(sourceDialect, "source dialect"),
                checkNotNull(targetDialect, "target dialect"), ParameterSampler.NONE);
    }

    /**
     * This rewriter, filling placeholders the log did not observe with a sampler's values.
     *
     * @param parameterSampler the sampler; not null
     * @return a copy of this rewriter using that sampler
     */
    public QueryRewriter sampling(ParameterSampler parameterSampler) {
        return new QueryRewriter(spec, sourceDialect, targetDialect, checkNotNull(parameterSampler, "sampler"));
    }

    /**
     * Every query of a log, rewritten or refused, in order.
     *
     * @param log the queries; not null
     * @return one rewrite per query, in the log's order
     */
    public List<RewrittenQuery> rewrite(QueryLog log) {
        return log.queries().stream().map(this::rewrite).toList();
    }

    /**
     * One query, rewritten or refused with its reason.
     *
     * @param query the query; not null
     * @return the rewrite, or a refusal with its status and reason
     */
    public RewrittenQuery rewrite(CapturedQuery query) {
        checkNotNull(query, "query");
        StatementSplitter.Placeholders named = StatementSplitter.namePlaceholders(query.sql());
        Query parsed;
        try {
            parsed = parser.parser().parseQuery(named.sql());
        } catch (DataAccessException | IllegalArgumentException e) {
            return RewrittenQuery.refused(query, RewrittenQuery.Status.UNPARSEABLE, e.getMessage());
        }
        if (parsed == null) {
            return RewrittenQuery.refused(query, RewrittenQuery.Status.UNPARSEABLE, "no statement in the text");
        }
        if (!(parsed instanceof Select<?> select)) {
            String kind = parsed.getClass().getSimpleName().replace("Impl", "").toLowerCase(Locale.ROOT);
            return RewrittenQuery.refused(query, RewrittenQuery.Status.NOT_A_QUERY,
                    "it is a " + kind + " statement; replay runs queries only, in read-only transactions");
        }
        List<?> values = query.parameters().map(List::copyOf)
                .orElseGet(() -> named.placeholders() == 0 ? List.of() : List.copyOf(sampler.valuesFor(query,
                        named.placeholders())));
        if (values.size() < named.placeholders()) {
            return RewrittenQuery.refused(query, RewrittenQuery.Status.NEEDS_PARAMETERS, named.placeholders()
                    + " placeholder(s) and " + values.size()
                    + " value(s): give the log's values or a ParameterSampler");
        }
        for (Map.Entry<String, Param<?>> param : parsed.getParams().entrySet()) {
            if (param.getKey().matches("[pP]\\d+")) { // parsers may upper-case the names
                parsed.bind(param.getKey(), values.get(Integer.parseInt(param.getKey().substring(1)) - 1));
            }
        }
        MappedNames names = MappedNames.collect(spec, parsed, renderer(sourceDialect));
        if (names.problem().isPresent()) {
            return RewrittenQuery.refused(query, RewrittenQuery.Status.NOT_REPLAYABLE, names.problem().get());
        }
        DSLContext target = renderer(targetDialect);
        target.configuration().set(names.renamer());
        String targetSql = target.render(parsed);
        List<Object> targetParameters = new ArrayList<>(target.extractBindValues(parsed));
        // The source runs the statement as the application wrote it.
        return new RewrittenQuery(query, RewrittenQuery.Status.REWRITTEN, Optional.of(named.positional()),
                Optional.of(targetSql), named.positionalValues(values), targetParameters,
                !select.$orderBy().isEmpty(), "", names.notes());
    }

    private static DSLContext renderer(SQLDialect dialect) {
        return DSL.using(new DefaultConfiguration().set(dialect).set(new Settings().withParamType(ParamType.INDEXED)
                .withRenderFormatted(false)));
    }
}
