package dev.migrationstudio.cli;

import dev.migrationstudio.MigrationPlan;
import dev.migrationstudio.cutover.Cutover;
import dev.migrationstudio.cutover.CutoverResult;
import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.jdbc.ConsoleProgress;
import dev.migrationstudio.jdbc.JdbcUrls;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.ProgressListener;
import dev.migrationstudio.report.Document;
import dev.migrationstudio.report.EvidencePack;
import dev.migrationstudio.verify.VerificationReport;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code migration} command line: runs a {@link PlanDefinition} from a jar against a source and a
 * target given by JDBC URL, writes the evidence pack to a folder and exits with an {@link ExitStatus}.
 *
 * <pre>
 * migration migrate --plan-jar shop-plan.jar --plan com.acme.ShopPlan \
 *     --source-url jdbc:postgresql://legacy/shop --source-user app \
 *     --target-url jdbc:postgresql://v2/shop --target-user app --evidence build/evidence
 * </pre>
 *
 * Passwords are read from environment variables ({@code MS_SOURCE_PASSWORD} and
 * {@code MS_TARGET_PASSWORD} unless {@code --source-password-env} / {@code --target-password-env}
 * name others), never from the command line, where other users of the machine could read them.
 */
@Command(name = "migration", mixinStandardHelpOptions = true, version = "Migration Studio 0.1.0",
        description = "Runs a migration plan: dry-run, migrate, verify, rehearse or cutover.",
        subcommands = {MigrationCli.DryRun.class, MigrationCli.Migrate.class, MigrationCli.Verify.class,
                MigrationCli.Rehearse.class, MigrationCli.CutoverCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done; verified; GO; cut over", "1:differences found (or rows quarantined)",
                "2:NO_GO (rehearsal), or the cutover rolled back", "3:error", "4:wrong usage"})
public final class MigrationCli implements Runnable {

    private MigrationCli() {
    }

    /**
     * Runs the command line and exits with its {@link ExitStatus}.
     *
     * @param args the command and its options, e.g. {@code verify --plan com.acme.ShopPlan ...}
     */
    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out, System.err, args));
    }

    /**
     * Runs the command line without exiting.
     *
     * @param environment where passwords are looked up
     * @param out where the command's output and progress go; not closed
     * @param err where usage errors and failures go; not closed
     * @param args the command and its options, as {@link #main} takes them
     * @return the exit code
     */
    public static int run(Map<String, String> environment, PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(new MigrationCli(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (Options.class.equals(type)) {
                    return type.cast(new Options(environment, out));
                }
                return CommandLine.defaultFactory().create(type);
            }
        });
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExitCodeExceptionMapper(e -> ExitStatus.ERROR.code());
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            commandLine.getErr().println(e.getMessage());
            e.getCommandLine().usage(commandLine.getErr());
            return ExitStatus.USAGE.code();
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + message(e));
            return ExitStatus.ERROR.code();
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a command: dry-run, migrate, verify, "
                + "rehearse or cutover");
    }

    private static String message(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e.getCause() != null && e.getCause() != e && !text.contains(String.valueOf(e.getCause().getMessage()))
                ? text + " (" + message(e.getCause()) + ")" : text;
    }

    /** Options every command takes: the plan, the databases, the evidence folder, the progress display. */
    static final class Options {
        private final Map<String, String> environment;
        private final PrintStream out;

        @Option(names = "--plan", required = true, paramLabel = "CLASS",
                description = "the plan: a class implementing PlanDefinition (or with a static plan() method)")
        String planClass;

        @Option(names = "--plan-jar", paramLabel = "JAR", split = ",",
                description = "jars holding the plan class and what it needs (comma-separated)")
        List<Path> planJars = List.of();

        @Option(names = "--source-url", required = true, paramLabel = "URL", description = "the source's JDBC URL")
        String sourceUrl;

        @Option(names = "--source-user", paramLabel = "USER", defaultValue = "", description = "the source's user")
        String sourceUser;

        @Option(names = "--source-password-env", paramLabel = "VAR", defaultValue = "MS_SOURCE_PASSWORD",
                description = "environment variable holding the source's password (default: ${DEFAULT-VALUE})")
        String sourcePasswordVariable;

        @Option(names = "--target-url", required = true, paramLabel = "URL", description = "the target's JDBC URL")
        String targetUrl;

        @Option(names = "--target-user", paramLabel = "USER", defaultValue = "", description = "the target's user")
        String targetUser;

        @Option(names = "--target-password-env", paramLabel = "VAR", defaultValue = "MS_TARGET_PASSWORD",
                description = "environment variable holding the target's password (default: ${DEFAULT-VALUE})")
        String targetPasswordVariable;

        @Option(names = "--evidence", paramLabel = "DIR", defaultValue = "migration-evidence",
                description = "folder the evidence pack is written to (default: ${DEFAULT-VALUE})")
        Path evidence;

        @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
                description = "auto (live on a terminal, plain lines otherwise), live, plain or off (default: ${DEFAULT-VALUE})")
        String progress;

        Options(Map<String, String> environment, PrintStream out) {
            this.environment = environment;
            this.out = out;
        }

        Optional<ProgressListener> progressListener() {
            switch (progress) {
                case "auto":
                    return Optional.of(System.console() != null ? ConsoleProgress.to(out, ConsoleProgress.Mode.LIVE)
                            : ConsoleProgress.to(out, ConsoleProgress.Mode.PLAIN));
                case "live":
                    return Optional.of(ConsoleProgress.to(out, ConsoleProgress.Mode.LIVE));
                case "plain":
                    return Optional.of(ConsoleProgress.to(out, ConsoleProgress.Mode.PLAIN));
                case "off":
                    return Optional.empty();
                default:
                    throw new IllegalArgumentException("--progress is auto, live, plain or off, not '" + progress + "'");
            }
        }

        String password(String variable) {
            return environment.getOrDefault(variable, "");
        }
    }

    /** The steps every command shares: connect, load the plan, run, write the evidence, choose the exit code. */
    abstract static class PlanCommand implements Callable<Integer> {
        @Mixin
        Options options;

        @Override
        public Integer call() {
            PrintStream out = options.out;
            Optional<ProgressListener> progress = options.progressListener();
            PlanDefinition definition = PlanLoader.load(options.planClass, options.planJars);
            try (var source = JdbcUrls.pool(options.sourceUrl, options.sourceUser,
                        options.password(options.sourcePasswordVariable), 4);
                 var target = JdbcUrls.pool(options.targetUrl, options.targetUser,
                        options.password(options.targetPasswordVariable), 4)) {
                PlanContext context = new PlanContext(source, target, progress);
                MigrationPlan plan = definition.plan(context);
                Outcome outcome = run(definition, context, plan);
                Path index = outcome.evidence.writeTo(options.evidence);
                out.println(outcome.summary);
                out.println("Evidence pack: " + index.toAbsolutePath());
                return outcome.status.code();
            }
        }

        abstract Outcome run(PlanDefinition definition, PlanContext context, MigrationPlan plan);
    }

    /** What a command produced: its exit status, a summary for the console and the evidence to write. */
    static final class Outcome {
        final ExitStatus status;
        final String summary;
        final EvidencePack evidence;

        Outcome(ExitStatus status, String summary, EvidencePack evidence) {
            this.status = status;
            this.summary = summary;
            this.evidence = evidence;
        }
    }

    static EvidencePack with(EvidencePack pack, List<Document> documents) {
        EvidencePack result = pack;
        for (Document document : documents) {
            result = result.with(document);
        }
        return result;
    }

    @Command(name = "dry-run", description = "Shows what migrate would do, writing nothing (exit 0, or 3 on error).")
    static final class DryRun extends PlanCommand {
        @Override
        Outcome run(PlanDefinition definition, PlanContext context, MigrationPlan plan) {
            MigrationResult result = definition.migrator(context, plan).dryRun(true).load().migrate();
            return new Outcome(ExitStatus.OK, result.summary(), with(plan.evidencePack(), result.documents()));
        }
    }

    @Command(name = "migrate", description = "Migrates (resumable); exit 1 when rows were quarantined.")
    static final class Migrate extends PlanCommand {
        @Option(names = "--verify", description = "verify afterwards; the exit code is then the verification's")
        boolean verify;

        @Override
        Outcome run(PlanDefinition definition, PlanContext context, MigrationPlan plan) {
            MigrationResult result = definition.migrator(context, plan).load().migrate();
            ExitStatus status = result.isBalanced() && result.total().quarantined() == 0
                    ? ExitStatus.OK : ExitStatus.DIFFERENCES;
            EvidencePack pack = with(plan.evidencePack(), result.documents());
            if (!verify) {
                return new Outcome(status, result.summary(), pack);
            }
            VerificationReport report = definition.verifier(context, plan).verify();
            return new Outcome(report.passed() ? status : ExitStatus.DIFFERENCES,
                    result.summary() + System.lineSeparator() + report.summary(), pack.with(report.evidence()));
        }
    }

    @Command(name = "verify", description = "Verifies the target against the source; exit 1 on differences.")
    static final class Verify extends PlanCommand {
        @Override
        Outcome run(PlanDefinition definition, PlanContext context, MigrationPlan plan) {
            VerificationReport report = definition.verifier(context, plan).verify();
            return new Outcome(report.passed() ? ExitStatus.OK : ExitStatus.DIFFERENCES, report.summary(),
                    plan.evidencePack().with(report.evidence()));
        }
    }

    @Command(name = "rehearse", description = "Rehearses the runbook and its rollback; exit 2 on NO_GO.")
    static final class Rehearse extends PlanCommand {
        @Override
        Outcome run(PlanDefinition definition, PlanContext context, MigrationPlan plan) {
            CutoverResult result = cutover(plan).rehearse();
            return new Outcome(result.goNoGo().go() ? ExitStatus.OK : ExitStatus.NO_GO, result.summary(),
                    with(plan.evidencePack(), result.documents()));
        }
    }

    @Command(name = "cutover", description = "Executes the runbook; exit 2 when it rolled back, 3 when it halted.")
    static final class CutoverCommand extends PlanCommand {
        @Override
        Outcome run(PlanDefinition definition, PlanContext context, MigrationPlan plan) {
            CutoverResult result = cutover(plan).execute();
            ExitStatus status = result.outcome() == CutoverResult.Outcome.COMPLETED ? ExitStatus.OK
                    : result.outcome() == CutoverResult.Outcome.ROLLED_BACK ? ExitStatus.NO_GO : ExitStatus.ERROR;
            return new Outcome(status, result.summary(), with(plan.evidencePack(), result.documents()));
        }
    }

    private static Cutover cutover(MigrationPlan plan) {
        Runbook runbook = plan.runbook().orElseThrow(() -> new IllegalArgumentException(
                "plan '" + plan.name() + "' has no runbook; add one with MigrationPlan.Builder.runbook(..)"));
        Optional<RollbackPlan> rollback = plan.rollback();
        return rollback.isPresent() ? Cutover.of(runbook, rollback.get()) : Cutover.withoutRollback(runbook);
    }
}
