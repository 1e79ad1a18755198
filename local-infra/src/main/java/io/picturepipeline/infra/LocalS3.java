package io.picturepipeline.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server: S3Proxy ({@code org.gaul:s3proxy}) with its filesystem backend, in its own JVM, run
 * from the S3Proxy jar the build copies into {@code local-infra/target/s3proxy} (its libraries never meet ours).
 * Buckets are directories under {@code dataDir/buckets} and survive a restart, as do the access keys, which are
 * made at random on first start and kept in {@code dataDir/credentials.properties}, or given by the caller, one
 * {@link Identity} per client: S3Proxy keeps a backend per key pair (one {@code --properties} file each), over the
 * same directory, read-only where the identity says so. Path-style requests, AWS signature v2 or v4, region {@code
 * us-east-1}. The server dies with its parent (see {@link ParentWatch}).
 */
public final class LocalS3 implements AutoCloseable {

    public static final String REGION = "us-east-1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int port;
    private final List<Identity> identities;
    private Process process;

    /**
     * A key pair S3Proxy accepts. A read-only one may list and get; S3Proxy answers its put or delete with 501.
     */
    public record Identity(String accessKey, String secretKey, boolean readOnly) {
        public Identity {
            if (accessKey == null || !accessKey.matches("[A-Za-z0-9-]{3,64}")) {
                throw new IllegalArgumentException("an S3 access key id of letters, digits and '-': " + accessKey);
            }
            RequiredPasswords.check(accessKey, secretKey);
        }

        @Override
        public String toString() {
            return "Identity[" + accessKey + (readOnly ? ", read-only]" : "]");
        }
    }

    private LocalS3(Path dataDir, int port, List<Identity> identities) {
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("S3Proxy needs at least one identity");
        }
        this.dataDir = dataDir;
        this.port = port;
        this.identities = List.copyOf(identities);
    }

    /** Starts S3Proxy on {@code port} (0 picks a free one) with the buckets under {@code dataDir}. */
    public static LocalS3 start(Path dataDir, int port) {
        Path dir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir.resolve("buckets"));
            Properties keys = credentials(dir.resolve("credentials.properties"));
            return start(
                    dir,
                    port,
                    List.of(new Identity(keys.getProperty("access-key"), keys.getProperty("secret-key"), false)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy in " + dir, e);
        }
    }

    /** Starts S3Proxy accepting exactly {@code identities}, the first of which {@link #accessKey()} names. */
    public static LocalS3 start(Path dataDir, int port, List<Identity> identities) {
        Path dir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir.resolve("buckets"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy in " + dir, e);
        }
        LocalS3 s3 = new LocalS3(dir, port == 0 ? FreePorts.pick() : port, identities);
        s3.start();
        return s3;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The first identity's access key id. */
    public String accessKey() {
        return identities.get(0).accessKey();
    }

    public String secretKey() {
        return identities.get(0).secretKey();
    }

    public Path logFile() {
        return dataDir.resolve("s3proxy.log");
    }

    /**
     * Creates {@code bucket} if it is missing: with the filesystem backend a bucket is a directory. Private, readable
     * by its owner only: the filesystem backend calls a directory that others may read a public-read bucket, which
     * S3Proxy lets anyone list without a key (found by hand on 2026-12-03: an unsigned {@code GET /<bucket>/}
     * listed every generation's image).
     */
    public String ensureBucket(String bucket) {
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{2,62}")) {
            throw new IllegalArgumentException("not a bucket name: " + bucket);
        }
        try {
            Path directory = Files.createDirectories(dataDir.resolve("buckets").resolve(bucket));
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            return bucket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create bucket " + bucket, e);
        }
    }

    /** The file of {@code key} in {@code bucket}, as the filesystem backend lays it out. */
    public Path objectFile(String bucket, String key) {
        return dataDir.resolve("buckets").resolve(bucket).resolve(key);
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms64m",
                    "-Xmx256m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    serverJar() + java.io.File.pathSeparator + ownLocation(),
                    ParentWatch.class.getName(),
                    "org.gaul.s3proxy.Main"));
            for (int i = 0; i < identities.size(); i++) {
                command.addAll(List.of("--properties", writeConfig(i).toString()));
            }
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            ListeningPort.await(
                    process, port, Instant.now().plus(STARTUP_TIMEOUT), STARTUP_TIMEOUT, "S3Proxy", logFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy in " + dataDir, e);
        }
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * The configuration of identity {@code index}: S3Proxy insists that the {@code s3proxy.*} settings of every file
     * agree but for the key pair; the read-only middleware wraps this identity's backend only.
     */
    private Path writeConfig(int index) throws IOException {
        Identity identity = identities.get(index);
        Properties config = new Properties();
        config.setProperty("s3proxy.endpoint", endpoint());
        config.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        config.setProperty("s3proxy.identity", identity.accessKey());
        config.setProperty("s3proxy.credential", identity.secretKey());
        config.setProperty("s3proxy.read-only-blobstore", Boolean.toString(identity.readOnly()));
        config.setProperty("jclouds.provider", "filesystem");
        config.setProperty(
                "jclouds.filesystem.basedir", dataDir.resolve("buckets").toString());
        Path file = dataDir.resolve(index == 0 ? "s3proxy.conf" : "s3proxy-" + index + ".conf");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var out = Files.newOutputStream(file)) {
            config.store(out, "written by local-infra; local S3Proxy, not for production");
        }
        return file;
    }

    private static Properties credentials(Path file) throws IOException {
        Properties keys = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                keys.load(in);
            }
            return keys;
        }
        SecureRandom random = new SecureRandom();
        keys.setProperty("access-key", "local-" + hex(random, 8));
        keys.setProperty("secret-key", hex(random, 20));
        try (var out = Files.newOutputStream(file)) {
            keys.store(out, "the local S3Proxy's keys, made at random on first start");
        }
        return keys;
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    /** The S3Proxy jar: {@code -Dpipeline.s3proxy.jar}, else where the build copied it. */
    static Path serverJar() {
        String configured = System.getProperty("pipeline.s3proxy.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        Properties built = new Properties();
        try (InputStream in = LocalS3.class.getResourceAsStream("s3proxy.properties")) {
            if (in == null) {
                throw new IllegalStateException("local-infra was built without s3proxy.properties");
            }
            built.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path jar = Path.of(built.getProperty("jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no S3Proxy jar at " + jar + "; build local-infra first: ./mvnw -B -pl"
                    + " local-infra -am package -DskipTests");
        }
        return jar;
    }

    /** Our own jar or classes folder, for {@link ParentWatch}. */
    private static Path ownLocation() {
        try {
            return Path.of(ParentWatch.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
