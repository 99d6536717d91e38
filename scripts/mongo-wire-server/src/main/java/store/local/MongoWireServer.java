package store.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Tiny launcher for mongo-java-server: a MongoDB wire-protocol engine for local development and tests.
 *
 * <pre>
 * java -jar mongo-wire-server.jar [--host 127.0.0.1] [--port 0] [--h2 /path/to/file.mv] [--exit-on-stdin-eof]
 * </pre>
 *
 * Prints exactly one line to stdout once listening: {@code listening HOST:PORT}. Logs go to stderr (warn+).
 */
public final class MongoWireServer {

    /** Announce MongoDB 6.0 / wire version 17: the Node driver 7.x refuses servers below wire version 9. */
    static final class Mongo60 implements MongoVersion {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(6, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 17;
        }
    }

    /**
     * mongo-java-server 1.47 has no {@code hello} command (error 59), only the legacy {@code isMaster}.
     * Answer {@code hello} with the isMaster reply, {@code ismaster} renamed to {@code isWritablePrimary}.
     * {@code helloOk} is deliberately not announced, so the driver's handshake/monitoring keeps using isMaster.
     */
    static Document hello(String command, Function<String, Document> handle) {
        if (!"hello".equalsIgnoreCase(command)) {
            return handle.apply(command);
        }
        Document isMaster = handle.apply("isMaster");
        Document reply = new Document("isWritablePrimary", Boolean.TRUE);
        isMaster.forEach((k, v) -> {
            if (!"ismaster".equalsIgnoreCase(k)) {
                reply.put(k, v);
            }
        });
        return reply;
    }

    static final class Memory extends MemoryBackend {
        @Override
        public Document handleCommand(Channel channel, String db, String command, Document query) {
            return hello(command, c -> super.handleCommand(channel, db, c, query));
        }
    }

    /**
     * The H2 backend, durable per write. H2's MVStore only writes its changes to the file about once a
     * second (its auto-commit delay), so a crash of this process lost writes it had already acknowledged.
     * Here every write command commits the store (writes its chunk to the file) and syncs the file
     * before its reply is sent. Concurrent writers share commits (group commit): a writer whose change
     * is covered by a commit that started after the change was made returns without another commit.
     */
    static final class H2 extends H2Backend {
        /** Commands that change data or indexes, lower-cased (the driver sends e.g. "findAndModify"). */
        private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
                "create", "createindexes", "dropindexes", "drop", "dropdatabase", "renamecollection");

        /** Counts finished write commands; a commit covers every write counted before it started. */
        private final AtomicLong writesDone = new AtomicLong();
        private final Object commitLock = new Object();
        /** The last write count a finished commit covered; guarded by commitLock. */
        private long committedThrough;

        H2(String file) {
            super(file);
        }

        @Override
        public Document handleCommand(Channel channel, String db, String command, Document query) {
            try {
                return hello(command, c -> super.handleCommand(channel, db, c, query));
            } finally {
                // Also after a failed command: an ordered insert may have written part of its batch.
                if (WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
                    commitThrough(writesDone.incrementAndGet());
                }
            }
        }

        private void commitThrough(long write) {
            synchronized (commitLock) {
                if (committedThrough >= write) {
                    return; // a commit that started after this write finished has covered it
                }
                long covered = writesDone.get();
                commit();
                // commit() hands the chunk to the OS, which survives a crash of this process; the
                // sync makes it survive a crash of the machine too.
                getMvStore().sync();
                committedThrough = covered;
            }
        }
    }

    private MongoWireServer() {
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar mongo-wire-server.jar [--host 127.0.0.1] [--port 0] [--h2 /path/to/file.mv]"
                + " [--exit-on-stdin-eof]");
        out.println("  --host HOST           address to bind (default 127.0.0.1)");
        out.println("  --port PORT           port to bind, 0 = pick a free port (default 0)");
        out.println("  --h2 FILE             persist to an H2 MVStore file (default: in-memory backend)");
        out.println("  --exit-on-stdin-eof   exit when stdin reaches EOF (e.g. the parent process died)");
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            System.err.println("missing value for " + args[i - 1]);
            usage(System.err);
            System.exit(2);
        }
        return args[i];
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 0;
        String h2File = null;
        boolean exitOnStdinEof = false;

        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--host" -> host = value(args, ++i);
                case "--port" -> {
                    String v = value(args, ++i);
                    try {
                        port = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                    if (port < 0 || port > 65535) {
                        System.err.println("invalid --port: " + v);
                        System.exit(2);
                    }
                }
                case "--h2" -> h2File = value(args, ++i);
                case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                case "-h", "--help" -> {
                    usage(System.out);
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + a);
                    usage(System.err);
                    System.exit(2);
                }
            }
        }

        MongoBackend backend;
        if (h2File != null) {
            File parent = new File(h2File).getAbsoluteFile().getParentFile();
            if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
                System.err.println("cannot create directory " + parent);
                System.exit(1);
            }
            backend = new H2(h2File);
        } else {
            backend = new Memory();
        }
        backend.version(new Mongo60());

        MongoServer server = new MongoServer(backend);
        AtomicBoolean stopped = new AtomicBoolean(false);
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                try {
                    // closes client connections, stops the event loops, then closes the backend
                    // (for H2 this closes the MVStore, which commits and flushes the file)
                    server.shutdownNow();
                } catch (Throwable t) {
                    System.err.println("error during shutdown: " + t);
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            System.err.flush();
            // report a clean exit (0) also on SIGTERM/SIGINT instead of 143/130
            Runtime.getRuntime().halt(0);
        }, "mongo-wire-server-shutdown"));

        try {
            server.bind(host, port);
        } catch (Exception e) {
            // Netty rethrows the checked BindException undeclared: catching only RuntimeException let it end
            // the main thread while the event loops kept the JVM running, never listening.
            System.err.println("cannot listen on " + host + ":" + port + ": " + e);
            stop.run();
            Runtime.getRuntime().halt(1);
        }
        InetSocketAddress addr = server.getLocalAddress();
        System.out.println("listening " + addr.getAddress().getHostAddress() + ":" + addr.getPort());
        System.out.flush();

        if (exitOnStdinEof) {
            Thread watcher = new Thread(() -> {
                InputStream in = System.in;
                byte[] buf = new byte[256];
                try {
                    while (in.read(buf) != -1) {
                        // ignore input; only EOF matters
                    }
                } catch (IOException ignored) {
                    // treat a broken stdin like EOF
                }
                System.exit(0);
            }, "stdin-eof-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }

        new CountDownLatch(1).await();
    }
}
