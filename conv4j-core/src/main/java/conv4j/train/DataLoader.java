package conv4j.train;

import conv4j.kernels.Parallel;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Mini-batches of a dataset, epoch by epoch: a seeded shuffle, per-sample transforms, and a background thread that
 * prepares the next batches while the current one trains. The order and the augmentation depend only on the seed,
 * the epoch and the sample index, so a run can be repeated exactly and resumed from any batch.
 */
public final class DataLoader {
    private static final int PREFETCH = 2;

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final SampleTransform transform;
    private final long seed;
    private final Shape inputShape;

    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, boolean dropLast, SampleTransform transform,
                      long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, received " + batchSize);
        }
        if (dataset.size() < 1) {
            throw new IllegalArgumentException("the dataset is empty");
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.transform = transform == null ? SampleTransform.identity() : transform;
        this.seed = seed;
        this.inputShape = this.transform.outputShape(dataset.sampleShape());
    }

    /** Evaluation order: every sample once, in dataset order, no transform randomness beyond the transform's own. */
    public static DataLoader inOrder(Dataset dataset, int batchSize, SampleTransform transform) {
        return new DataLoader(dataset, batchSize, false, false, transform, 0);
    }

    public Dataset dataset() {
        return dataset;
    }

    /** The seed of the data order and augmentation; a checkpoint saves it as {@code loaderSeed}. */
    public long seed() {
        return seed;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The shape of one input after the transform (C x H x W). */
    public Shape inputShape() {
        return inputShape;
    }

    public int batchesPerEpoch() {
        int n = dataset.size();
        // n / batchSize rounded up without forming n + batchSize - 1, which overflows for a batch size near 2^31
        return dropLast ? Math.max(1, n / batchSize) : n / batchSize + (n % batchSize == 0 ? 0 : 1);
    }

    /** The order in which an epoch visits the samples. */
    public int[] order(int epoch) {
        if (!shuffle) {
            int[] identity = new int[dataset.size()];
            for (int i = 0; i < identity.length; i++) {
                identity[i] = i;
            }
            return identity;
        }
        return new Rng(mix(seed, epoch)).permutation(dataset.size());
    }

    /** The batches of one epoch, from the first. Close the iterator to stop early. */
    public Epoch epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /** The batches of one epoch from batch {@code firstBatch}: what a resumed run continues with. */
    public Epoch epoch(int epoch, int firstBatch) {
        if (firstBatch < 0 || firstBatch > batchesPerEpoch()) {
            throw new IllegalArgumentException("first batch must be in [0, " + batchesPerEpoch() + "], received "
                    + firstBatch);
        }
        return new Epoch(epoch, firstBatch);
    }

    /** Batch {@code b} of an epoch with that epoch's order, prepared on the calling thread. */
    public Batch batch(int epoch, int[] order, int b) {
        int start = b * batchSize;
        int end = Math.min(order.length, start + batchSize);
        int n = end - start;
        int per = inputShape.size();
        Tensor inputs = Tensor.zeros(inputShape.withBatch(n));
        int[] labels = new int[n];
        int[] indices = new int[n];
        long epochSeed = mix(seed, epoch);
        for (int i = 0; i < n; i++) {
            int index = order[start + i];
            Sample s = dataset.get(index);
            Tensor x = transform.apply(s.input(), new Rng(mix(epochSeed, index)));
            if (!x.shape().equals(inputShape)) {
                throw new IllegalStateException("sample " + index + " has shape " + x.shape()
                        + " after the transform, expected " + inputShape);
            }
            System.arraycopy(x.data(), 0, inputs.data(), i * per, per);
            labels[i] = s.label();
            indices[i] = index;
        }
        return new Batch(inputs, labels, indices);
    }

    /** SplitMix64's finaliser over a combination of two values: well-spread seeds from (seed, epoch, index). */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The batches of one epoch, prepared ahead by a background thread. */
    public final class Epoch implements Iterator<Batch>, AutoCloseable {
        private static final Object END = new Object();
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(PREFETCH);
        private final Thread producer;
        private final int total;
        private int next;
        private Object head;

        private Epoch(int epoch, int firstBatch) {
            this.total = batchesPerEpoch();
            this.next = firstBatch;
            int[] order = order(epoch);
            producer = new Thread(() -> produce(epoch, order, firstBatch), "conv4j-loader");
            producer.setDaemon(true);
            producer.start();
        }

        private void produce(int epoch, int[] order, int firstBatch) {
            try {
                for (int b = firstBatch; b < total; b++) {
                    int index = b;
                    // Kernels a transform calls run on this thread: the pool belongs to the training step.
                    queue.put(Parallel.serial(() -> batch(epoch, order, index)));
                }
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                try {
                    queue.put(e);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** The index, within the epoch, of the batch that {@link #next()} returns next. */
        public int position() {
            return next;
        }

        public int total() {
            return total;
        }

        @Override
        public boolean hasNext() {
            return peek() != END;
        }

        @Override
        public Batch next() {
            Object o = peek();
            if (o == END) {
                throw new NoSuchElementException("the epoch has no more batches");
            }
            head = null;
            next++;
            return (Batch) o;
        }

        private Object peek() {
            if (head == null) {
                try {
                    head = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the next batch", e);
                }
                if (head instanceof RuntimeException e) {
                    head = END;
                    throw e;
                }
                if (head instanceof Error e) {
                    head = END;
                    throw e;
                }
            }
            return head;
        }

        /** Stops the background thread; batches not yet taken are dropped. */
        @Override
        public void close() {
            producer.interrupt();
            queue.clear();
        }
    }
}
