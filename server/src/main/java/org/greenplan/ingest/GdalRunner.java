package org.greenplan.ingest;

import org.greenplan.layer.DatabaseLogins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs ogr2ogr and ogrinfo: an argument array (never a shell), a time limit after which the process and
 * all its children are killed, the output kept (the tail, for error messages) and ogr2ogr's
 * {@code -progress} dots turned into percent. Every process runs in the {@link GdalSandbox} its
 * {@link Access} describes: an environment built from nothing, only the named drivers, no network. A
 * database password is put into the child's environment (never on its command line) only for a call that
 * names its login in its {@link Access}: the import role's ({@link Access#withDatabase}) for the import's
 * ogr2ogr, which may only create and fill scratch tables; the reader role's ({@link Access#withReaderDatabase})
 * for the export's; a process that only reads an upload never gets one.
 */
@Component
public class GdalRunner {

    private static final int KEEP_OUTPUT = 64 * 1024;
    private static final Pattern PROGRESS = Pattern.compile("(\\d{1,3})(?=\\.\\.\\.|\\s*-\\s*done)");

    /**
     * A database login of a GDAL process: the {@code PG:} datasource naming the user (no password: command lines
     * are visible to every local user), and the password, which only goes into the child's environment.
     */
    public record PgLogin(String datasource, String password) {
        @Override
        public String toString() {
            return datasource; // never the password
        }
    }

    /** The ogr2ogr that loads an upload: a role that can only create and fill tables in schema staging. */
    private final PgLogin importLogin;
    /** The ogr2ogr that exports a version: a role that can only read features. */
    private final PgLogin readerLogin;

    @Autowired
    public GdalRunner(@Value("${spring.datasource.url}") String jdbcUrl, DatabaseLogins logins) {
        this.importLogin = new PgLogin(pgConnection(jdbcUrl, logins.importer().user()), logins.importer().password());
        this.readerLogin = new PgLogin(pgConnection(jdbcUrl, logins.reader().user()), logins.reader().password());
    }

    /** One login for loading and exporting. */
    public GdalRunner(String jdbcUrl, String user, String password) {
        this(jdbcUrl, new DatabaseLogins(new DatabaseLogins.Login(user, password), new DatabaseLogins.Login(user, password)));
    }

    /** Which database login's password a GDAL process gets, if any. */
    public enum Login {
        NONE, IMPORT, READER
    }

    /**
     * What a GDAL process may use: its working directory ({@code HOME}, {@code CPL_TMPDIR}), the drivers it
     * may load (short names), and which database login's password it gets ({@code applicationName}: the
     * PGAPPNAME of its sessions, or null).
     */
    public record Access(Path workDir, List<String> drivers, Login login, String applicationName) {

        /** A process reading an upload in {@code jobDir} with {@code drivers}, without database access. */
        public static Access files(Path jobDir, String... drivers) {
            return new Access(jobDir, List.of(drivers), Login.NONE, null);
        }

        /**
         * The same with the import login's password ({@link GdalRunner#pgDatasource()}: it may only create and fill
         * scratch tables) and the PostgreSQL driver; its sessions are named {@code applicationName} (PGAPPNAME)
         * when that is not null: a killed ogr2ogr leaves its server session behind, which the caller can then
         * find in pg_stat_activity and end.
         */
        public Access withDatabase(String applicationName) {
            return withLogin(Login.IMPORT, applicationName);
        }

        /** The same with the reader login's password ({@link GdalRunner#pgReaderDatasource()}: it may only read features). */
        public Access withReaderDatabase() {
            return withLogin(Login.READER, null);
        }

        private Access withLogin(Login login, String applicationName) {
            List<String> all = new ArrayList<>(drivers);
            all.add("PostgreSQL");
            return new Access(workDir, List.copyOf(all), login, applicationName);
        }
    }

    /** Output of a finished GDAL command. */
    public record Result(int exitCode, String output) {
    }

    /** A GDAL command that failed, timed out or could not start. */
    public static class GdalException extends org.greenplan.FieldException {
        private final boolean timedOut;

        public GdalException(String message, boolean timedOut) {
            super(Category.UNPROCESSABLE, "Upload not accepted", "file", message);
            this.timedOut = timedOut;
        }

        public boolean timedOut() {
            return timedOut;
        }
    }

    /** The {@code PG:} datasource an upload is loaded into (the import role), without the password. */
    public String pgDatasource() {
        return importLogin.datasource();
    }

    /** The {@code PG:} datasource an export reads from (the reader role), without the password. */
    public String pgReaderDatasource() {
        return readerLogin.datasource();
    }

    /**
     * Runs {@code command} in the system's temporary directory with the drivers of the accepted upload
     * formats and without database access; see {@link #run(Access, List, Duration, IntConsumer)}.
     */
    public Result run(List<String> command, Duration timeout, IntConsumer progress) {
        return run(Access.files(Path.of(System.getProperty("java.io.tmpdir")),
                GdalSandbox.INPUT_DRIVERS.toArray(String[]::new)), command, timeout, progress);
    }

    /**
     * Runs {@code command} as {@code access} allows; returns its result whatever the exit code, or throws
     * when it could not run or overran {@code timeout} (after killing it and its descendants).
     */
    public Result run(Access access, List<String> command, Duration timeout, IntConsumer progress) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        // nothing of the server's environment unless the sandbox lets it through
        env.clear();
        env.putAll(GdalSandbox.environment(access.workDir(), access.drivers()));
        if (access.login() != Login.NONE) {
            if (access.applicationName() != null) {
                env.put("PGAPPNAME", access.applicationName());
            }
            String password = (access.login() == Login.READER ? readerLogin : importLogin).password();
            if (password != null && !password.isEmpty()) {
                env.put("PGPASSWORD", password);
            }
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new GdalException("cannot run " + command.get(0) + ": " + e.getMessage(), false);
        }
        StringBuilder tail = new StringBuilder();
        Thread reader = new Thread(() -> read(process.getInputStream(), tail, progress), "gdal-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new GdalException(command.get(0) + " did not finish within " + timeout.toSeconds()
                        + " s and was stopped", true);
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new GdalException(command.get(0) + " was interrupted", false);
        }
        synchronized (tail) {
            return new Result(process.exitValue(), tail.toString());
        }
    }

    /** Kills a process and every descendant (ogr2ogr may start helpers), then waits for it. */
    static void kill(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void read(InputStream in, StringBuilder tail, IntConsumer progress) {
        byte[] buffer = new byte[8192];
        int n;
        String carry = "";
        int reported = -1;
        try (in) {
            while ((n = in.read(buffer)) > 0) {
                String chunk = new String(buffer, 0, n, StandardCharsets.UTF_8);
                synchronized (tail) {
                    tail.append(chunk);
                    if (tail.length() > KEEP_OUTPUT) {
                        tail.delete(0, tail.length() - KEEP_OUTPUT);
                    }
                }
                if (progress != null) {
                    // a number and its dots may arrive in different reads: look at the end of the last one too
                    String text = carry + chunk;
                    carry = text.substring(Math.max(0, text.length() - 16));
                    // every step is passed on (a read may hold several), each once: the carry repeats
                    // numbers already seen, and percent only grows
                    Matcher m = PROGRESS.matcher(text);
                    while (m.find()) {
                        int p = Integer.parseInt(m.group(1));
                        if (p > reported && p <= 100) {
                            reported = p;
                            progress.accept(p);
                        }
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** jdbc:postgresql://host:port/db?... → PG:"host=… port=… dbname=… user=…" (values quoted). */
    static String pgConnection(String jdbcUrl, String user) {
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*").matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalStateException("cannot derive a GDAL PG: datasource from " + jdbcUrl);
        }
        StringBuilder s = new StringBuilder("PG:");
        s.append("host=").append(quote(m.group(1)));
        if (m.group(2) != null) {
            s.append(" port=").append(m.group(2));
        }
        s.append(" dbname=").append(quote(m.group(3)));
        if (user != null && !user.isBlank()) {
            s.append(" user=").append(quote(user));
        }
        return s.toString();
    }

    private static String quote(String v) {
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The last meaningful lines of GDAL output, for a report ("ERROR 1: …"). */
    public static String errorLines(String output) {
        List<String> all = output.lines().toList();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < all.size() && errors.size() < 5; i++) {
            String l = all.get(i);
            if (l.startsWith("ERROR") || l.startsWith("FAILURE")) {
                // "FAILURE:" is followed by its explanation on the next line
                String line = l.endsWith(":") && i + 1 < all.size() ? l + " " + all.get(i + 1).trim() : l;
                if (!errors.contains(line)) {
                    errors.add(line);
                }
            }
        }
        if (!errors.isEmpty()) {
            return String.join("; ", errors);
        }
        List<String> lines = output.lines().filter(l -> !l.isBlank() && !l.matches("[0-9.\\s-]*done\\.?|[0-9.]+"))
                .toList();
        return String.join("; ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
