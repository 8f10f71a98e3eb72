package dev.quanta.engine.runtime;

import dev.quanta.engine.kernels.Parallel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link Parallel} on a private {@link ForkJoinPool} of {@code threads - 1} workers plus the calling
 * thread: the caller and the pool threads claim chunks from a counter (see {@link Split}), so no
 * chunk waits for a thread that has not started. One pool per interpreter, closed with it.
 */
final class WorkerPool implements Parallel, AutoCloseable {
    private final int threads;
    private final ForkJoinPool pool;

    WorkerPool(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = this.threads > 1 ? new ForkJoinPool(this.threads - 1) : null;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void forRange(int n, int minChunk, Range body) {
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(threads, Math.max(1, n / Math.max(1, minChunk)));
        if (chunks == 1) {
            body.run(0, n, 0);
            return;
        }
        Split split = new Split(n, chunks, body);
        for (int c = 1; c < chunks; c++) {
            pool.execute(split::drain);
        }
        split.drain();
        split.await();
    }

    /**
     * One {@link #forRange} call: chunk {@code c} covers {@code [n*c/chunks, n*(c+1)/chunks)} and runs
     * as worker {@code c}, exactly once, on whichever participant claims it first. The caller claims
     * chunks too, so when a pool thread is not scheduled (a loaded machine) the caller runs its chunk
     * instead of waiting for it to start; it waits only for chunks already running.
     */
    private static final class Split {
        private final int n;
        private final int chunks;
        private final Range body;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Split(int n, int chunks, Range body) {
            this.n = n;
            this.chunks = chunks;
            this.body = body;
            this.done = new CountDownLatch(chunks);
        }

        void drain() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks), c);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        }

        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
