#!/usr/bin/env bash
# SGEMM throughput of conv4j (JMH, 2 threads) next to numpy's OpenBLAS on the same machine, in the same run.
# The last line is: gemm 1024: conv4j <x> GFLOP/s, openblas <y> GFLOP/s, ratio <x/y>
set -euo pipefail
cd "$(dirname "$0")/.."

threads=2
results=bench/results
mkdir -p "$results"
json="$results/gemm-jmh.json"
log="$results/gemm-jmh.log"

mvn -q -B -DskipTests package -pl conv4j-bench -am

echo "== conv4j (JMH, CONV4J_THREADS=$threads)"
CONV4J_THREADS=$threads java -jar conv4j-bench/target/benchmarks.jar 'conv4j.bench.GemmBench' \
    -jvmArgsAppend "--add-modules jdk.incubator.vector" -rf json -rff "$json" >"$log"
grep -m1 'GEMM kernel' "$log" || true
grep -E '^(Benchmark|GemmBench)' "$log"

# Median of the measurement iterations, in ms per call, for one shape (MxKxN); JMH's mean without python3.
conv4j_ms() {
    if ! command -v python3 >/dev/null; then
        awk -v s="$1" '$1 == "GemmBench.sgemm" && $2 == s { print $5 }' "$log"
        return
    fi
    python3 - "$json" "$1" <<'PY'
import json, statistics, sys
for r in json.load(open(sys.argv[1])):
    if r["params"]["shape"] == sys.argv[2]:
        raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
        print(statistics.median(raw))
PY
}

# numpy's matmul in float32, median GFLOP/s of several timed runs, or n/a without numpy.
openblas_gflops() {
    if ! python3 -c "import numpy" >/dev/null 2>&1; then
        echo n/a
        return
    fi
    OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads python3 - "$1" <<'PY'
import statistics, sys, time
import numpy as np
m, k, n = map(int, sys.argv[1].split("x"))
rng = np.random.default_rng(42)
a = rng.uniform(-1, 1, (m, k)).astype(np.float32)
b = rng.uniform(-1, 1, (k, n)).astype(np.float32)
flop = 2.0 * m * n * k
calls = max(1, int(2e9 / flop))
for _ in range(calls):  # warm-up
    a @ b
rates = []
for _ in range(9):
    t = time.perf_counter()
    for _ in range(calls):
        a @ b
    rates.append(flop * calls / (time.perf_counter() - t) / 1e9)
print(f"{statistics.median(rates):.1f}")
PY
}

line() {
    local shape=$1 label=$2
    local m k n ms conv ob ratio
    IFS=x read -r m k n <<<"$shape"
    ms=$(conv4j_ms "$shape")
    conv=$(awk -v m="$m" -v k="$k" -v n="$n" -v ms="$ms" 'BEGIN { printf "%.1f", 2 * m * k * n / (ms * 1e6) }')
    ob=$(openblas_gflops "$shape")
    if [[ $ob == n/a ]]; then
        echo "gemm $label: conv4j $conv GFLOP/s, openblas n/a, ratio n/a"
    else
        ratio=$(awk -v x="$conv" -v y="$ob" 'BEGIN { printf "%.2f", x / y }')
        echo "gemm $label: conv4j $conv GFLOP/s, openblas $ob GFLOP/s, ratio $ratio"
    fi
}

line 64x576x25088 "64x576x25088"
line 1024x1024x1024 "1024"
