"""The zoo's networks in PyTorch (torchvision, random weights): the peer figures for bench/zoo.sh.

For each model: forward latency at batch 1 and throughput at batch 8 on 3 x 224 x 224, in eval mode without autograd;
and one training step of resnet18 at batch 64 on 3 x 32 x 32 (10 classes, softmax cross-entropy, SGD with momentum).
Prints one line per figure, as conv4j's ZooBench does:

    <model> pytorch fwd b1: <ms> ms (median of <n>)
    <model> pytorch fwd b8: <img/s> img/s (median of <n>)
    resnet18 pytorch train b64 32x32: <ms> ms a step (median of <n>)

Run with Debian's interpreter, whose site-packages hold python3-torch and python3-torchvision:
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=2 /usr/bin/python3 bench/zoo_torch.py [--threads 2] [--models resnet18,...]
"""
import argparse
import os
import statistics
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "2")

import torch  # noqa: E402  (the environment above must be set before torch loads its pools)
import torchvision  # noqa: E402

BUILDERS = {
    "resnet18": lambda: torchvision.models.resnet18(weights=None),
    "resnet50": lambda: torchvision.models.resnet50(weights=None),
    "vgg16": lambda: torchvision.models.vgg16(weights=None),
    "googlenet": lambda: torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=True),
    "alexnet": lambda: torchvision.models.alexnet(weights=None),
}


WARMUP_SECONDS = 5.0  # as conv4j's ZooBench: at least this long besides the minimum count of warm-up calls


def timed(fn, warmup, runs):
    start = time.perf_counter()
    calls = 0
    while calls < warmup or time.perf_counter() - start < WARMUP_SECONDS:
        fn()
        calls += 1
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def forward_figures(name, runs):
    model = BUILDERS[name]().eval()
    one = torch.randn(1, 3, 224, 224)
    eight = torch.randn(8, 3, 224, 224)
    with torch.no_grad():
        b1 = timed(lambda: model(one), 3, runs)
        b8 = timed(lambda: model(eight), 2, max(3, runs // 3))
    print(f"{name} pytorch fwd b1: {b1 * 1e3:.2f} ms (median of {runs})")
    print(f"{name} pytorch fwd b8: {8 / b8:.1f} img/s (median of {max(3, runs // 3)})")


def training_step_figure(runs):
    torch.manual_seed(0)
    model = torchvision.models.resnet18(weights=None, num_classes=10).train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.randn(64, 3, 32, 32)
    y = torch.randint(0, 10, (64,))

    def step():
        optimizer.zero_grad()
        loss_fn(model(x), y).backward()
        optimizer.step()

    t = timed(step, 3, runs)
    print(f"resnet18 pytorch train b64 32x32: {t * 1e3:.2f} ms a step (median of {runs})")


def main():
    parser = argparse.ArgumentParser(description="torchvision forward and training-step timings")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--models", default=",".join(BUILDERS))
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    for name in args.models.split(","):
        forward_figures(name, args.runs)
    training_step_figure(args.runs)


if __name__ == "__main__":
    main()
