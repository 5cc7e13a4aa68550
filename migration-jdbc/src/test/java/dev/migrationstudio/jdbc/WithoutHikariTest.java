package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** HikariCP is an optional dependency: a migration between data sources runs without it on the class path. */
class WithoutHikariTest {

    @Test
    void migratesBetweenDataSourcesAndExplainsWhatURLsNeed() throws Exception {
        List<URL> urls = new ArrayList<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.contains("HikariCP")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.getResource("com/zaxxer/hikari/HikariDataSource.class")).as("HikariCP hidden").isNull();
            @SuppressWarnings("unchecked")
            Callable<String> run = (Callable<String>) loader.loadClass(WithoutHikari.class.getName())
                    .getConstructor().newInstance();

            assertThat(run.call()).isEqualTo("loaded 2, target holds 2\n"
                    + "a JDBC URL needs a connection pool, and HikariCP is not on the class path: add the dependency "
                    + "com.zaxxer:HikariCP (5.1 or later), or pass a DataSource instead");
        }
    }
}
