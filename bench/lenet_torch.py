"""LeNet-5 in PyTorch on random MNIST-shaped data: the peer figures for bench/lenet.sh.

The same layers as conv4j's LeNet5 (C1 6@5x5 pad 2, ReLU, max pool 2, C3 16@5x5, ReLU, max pool 2, C5 120@5x5, ReLU,
F6 84, ReLU, 10), softmax cross-entropy, SGD with momentum. PyTorch's own pool runs the threads; OpenBLAS is kept to
one thread, since two pools of two threads on two cores clash. Prints one line per figure:

    lenet pytorch train: <img/s> img/s (batch 64, median of 3 runs of <steps> steps)
    lenet pytorch inference: <img/s> img/s (10000 images in batches of 1000)
    lenet pytorch inference best: <img/s> img/s (batch <b>, the fastest of 64 to 1000)
    lenet pytorch latency: <ms> ms (batch 1, median of <n>)

Batches of 1000 are what conv4j's benchmark uses; PyTorch 1.13 happens to run them several times slower than
batches of a few hundred here, so the best batch size is reported too.

Run with Debian's interpreter, whose site-packages hold python3-torch:
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=2 /usr/bin/python3 bench/lenet_torch.py [--threads 2] [--steps 300]
"""
import argparse
import os
import statistics
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "2")

import torch  # noqa: E402  (the environment above must be set before torch loads its pools)
from torch import nn  # noqa: E402


def lenet5(classes=10):
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),   # N x 6 x 14 x 14
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),             # N x 16 x 5 x 5
        nn.Conv2d(16, 120, 5), nn.ReLU(),                            # N x 120 x 1 x 1
        nn.Flatten(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, classes))


def train_rate(model, steps, batch, runs):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    images = torch.randn(batch, 1, 28, 28)
    labels = torch.randint(0, 10, (batch,))

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(images), labels)
        loss.backward()
        optimizer.step()

    for _ in range(max(20, steps // 5)):  # warm-up
        step()
    rates = []
    for _ in range(runs):
        t = time.perf_counter()
        for _ in range(steps):
            step()
        rates.append(steps * batch / (time.perf_counter() - t))
    return statistics.median(rates)


def inference_rate(model, images, batch, runs):
    model.eval()
    with torch.no_grad():
        model(images[:batch])  # warm-up
        rates = []
        for _ in range(runs):
            t = time.perf_counter()
            for start in range(0, len(images), batch):
                model(images[start:start + batch])
            rates.append(len(images) / (time.perf_counter() - t))
    model.train()
    return statistics.median(rates)


def latency_ms(model, calls):
    model.eval()
    one = torch.randn(1, 1, 28, 28)
    with torch.no_grad():
        for _ in range(calls // 5 + 10):
            model(one)
        times = []
        for _ in range(calls):
            t = time.perf_counter()
            model(one)
            times.append((time.perf_counter() - t) * 1e3)
    model.train()
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    model = lenet5()
    batch = 64
    train = train_rate(model, args.steps, batch, args.runs)
    print(f"lenet pytorch train: {train:.0f} img/s (batch {batch}, median of {args.runs} runs of {args.steps}"
          f" steps, torch {torch.__version__}, {torch.get_num_threads()} threads)", flush=True)
    images = torch.randn(10000, 1, 28, 28)
    infer = inference_rate(model, images, 1000, args.runs)
    print(f"lenet pytorch inference: {infer:.0f} img/s (10000 images in batches of 1000, median of {args.runs})",
          flush=True)
    rates = {b: inference_rate(model, images, b, args.runs) for b in (64, 100, 250, 500, 1000)}
    best = max(rates, key=rates.get)
    print(f"lenet pytorch inference best: {rates[best]:.0f} img/s (batch {best}, the fastest of"
          f" {', '.join(map(str, rates))})", flush=True)
    calls = 1000
    print(f"lenet pytorch latency: {latency_ms(model, calls):.4f} ms (batch 1, median of {calls})", flush=True)


if __name__ == "__main__":
    main()
