package dev.migrationstudio.bench;

import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.item.database.JdbcBatchItemWriter;
import org.springframework.batch.item.database.JdbcCursorItemReader;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * What a Java user would otherwise pick: a Spring Batch chunk-oriented step,
 * {@code JdbcCursorItemReader -> JdbcBatchItemWriter}, 5,000 items per chunk, fetch size 10,000.
 * The in-memory (resourceless) job repository keeps the comparison about the copy itself.
 */
final class SpringBatchCopy {
    private SpringBatchCopy() {
    }

    static void copy(DataSource source, DataSource target, String from, String to) throws Exception {
        JdbcCursorItemReader<Object[]> reader = new JdbcCursorItemReader<>();
        reader.setDataSource(source);
        reader.setSql("SELECT id, name, amount, created FROM " + from);
        reader.setFetchSize(10_000);
        // PostgreSQL streams a cursor only outside auto-commit.
        reader.setConnectionAutoCommit(false);
        // MariaDB's driver streams without row numbers, which the position check reads; the mapper
        // never moves the cursor.
        reader.setVerifyCursorPosition(false);
        reader.setRowMapper((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getBigDecimal(3),
                rs.getTimestamp(4)});
        reader.afterPropertiesSet();

        JdbcBatchItemWriter<Object[]> writer = new JdbcBatchItemWriter<>();
        writer.setDataSource(target);
        writer.setSql("INSERT INTO " + to + " VALUES (?, ?, ?, ?)");
        writer.setItemPreparedStatementSetter((item, ps) -> {
            ps.setLong(1, (Long) item[0]);
            ps.setString(2, (String) item[1]);
            ps.setBigDecimal(3, (java.math.BigDecimal) item[2]);
            ps.setTimestamp(4, (java.sql.Timestamp) item[3]);
        });
        writer.afterPropertiesSet();

        JobRepository repository = new ResourcelessJobRepository();
        JdbcTransactionManager transactions = new JdbcTransactionManager(target);
        Step step = new StepBuilder("copy", repository).<Object[], Object[]>chunk(5_000, transactions)
                .reader(reader).writer(writer).build();
        Job job = new JobBuilder("copy", repository).start(step).build();
        TaskExecutorJobLauncher launcher = new TaskExecutorJobLauncher();
        launcher.setJobRepository(repository);
        launcher.afterPropertiesSet();
        JobExecution execution = launcher.run(job, new JobParameters());
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException("Spring Batch copy ended " + execution.getStatus() + ": "
                    + execution.getAllFailureExceptions());
        }
    }
}
