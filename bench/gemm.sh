#!/usr/bin/env bash
# SGEMM throughput of conv4j (JMH, 2 threads) next to numpy's OpenBLAS on the same machine, in the same run.
#
#   bench/gemm.sh                    the JVM's own vector width, OpenBLAS's own choice of core
#   bench/gemm.sh --width avx2       one width: 512 | 256 | avx2 | 128 | scalar
#   bench/gemm.sh --widths all       every width in turn
#
# Each width runs the JVM with the flags that give it (avx2 is a real AVX2 machine: 256-bit vectors and 16
# registers; 256 and 128 keep AVX-512's 32 registers) and gives OpenBLAS (numpy's build is DYNAMIC_ARCH) the core of
# the same width through OPENBLAS_CORETYPE: SkylakeX for 512, Haswell for 256 and avx2, Nehalem (SSE, 128-bit
# without FMA; OpenBLAS has no 128-bit FMA core for x86) for 128 and scalar. Medians of the measurement iterations.
# The last lines are, per width: <width>: gemm 1024: conv4j <x> GFLOP/s, openblas <y> GFLOP/s, ratio <x/y>
# (without a width, as before: gemm 1024: conv4j <x> GFLOP/s, openblas <y> GFLOP/s, ratio <x/y>).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    echo "usage: bench/gemm.sh [--width 512|256|avx2|128|scalar | --widths all] [JMH arguments...]" >&2
    exit 2
}

widths=(native)
jmh_args=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --width)
            [[ $# -ge 2 ]] || usage
            widths=("$2")
            shift 2
            ;;
        --widths)
            [[ $# -ge 2 && $2 == all ]] || usage
            widths=(512 256 avx2 128 scalar)
            shift 2
            ;;
        -h|--help)
            usage
            ;;
        *)
            jmh_args+=("$1")
            shift
            ;;
    esac
done

# JVM flags and OpenBLAS core type for a width.
jvm_flags() {
    case $1 in
        native) echo "" ;;
        512) echo "" ;;
        256) echo "-XX:MaxVectorSize=32" ;;
        avx2) echo "-XX:UseAVX=2" ;;
        128) echo "-XX:MaxVectorSize=16" ;;
        scalar) echo "-Dconv4j.vector=false" ;;
        *) usage ;;
    esac
}

openblas_core() {
    case $1 in
        native) echo "" ;;
        512) echo "SkylakeX" ;;
        256|avx2) echo "Haswell" ;;
        128|scalar) echo "Nehalem" ;;
    esac
}

for width in "${widths[@]}"; do
    jvm_flags "$width" >/dev/null
done

threads=2
results=bench/results
mkdir -p "$results"

mvn -q -B -DskipTests package -pl conv4j-bench -am

echo "CPU: $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"

# Median of the measurement iterations, in ms per call, for one shape (MxKxN); JMH's mean without python3.
conv4j_ms() {
    local json=$1 log=$2 shape=$3
    if ! command -v python3 >/dev/null; then
        awk -v s="$shape" '$1 == "GemmBench.sgemm" && $2 == s { print $5 }' "$log"
        return
    fi
    python3 - "$json" "$shape" <<'PY'
import json, statistics, sys
for r in json.load(open(sys.argv[1])):
    if r["params"]["shape"] == sys.argv[2]:
        raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
        print(statistics.median(raw))
PY
}

# numpy's matmul in float32, median GFLOP/s of several timed runs, or n/a without numpy.
openblas_gflops() {
    local shape=$1 core=$2
    if ! python3 -c "import numpy" >/dev/null 2>&1; then
        echo n/a
        return
    fi
    env ${core:+OPENBLAS_CORETYPE=$core} OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads \
        python3 - "$shape" <<'PY'
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

# The core OpenBLAS says it runs for a core type (it prints "Core: ..." when OPENBLAS_VERBOSE=2).
openblas_says() {
    if ! python3 -c "import numpy" >/dev/null 2>&1; then
        echo "n/a (no numpy)"
        return
    fi
    env ${1:+OPENBLAS_CORETYPE=$1} OPENBLAS_VERBOSE=2 python3 -c "import numpy" 2>&1 | sed -n 's/^Core: //p' | head -1
}

summary=()
for width in "${widths[@]}"; do
    flags=$(jvm_flags "$width")
    core=$(openblas_core "$width")
    suffix=${width/native/}
    json="$results/gemm-jmh${suffix:+-$suffix}.json"
    log="$results/gemm-jmh${suffix:+-$suffix}.log"

    echo "== width $width: JVM flags '${flags:-none}', OpenBLAS core ${core:-its own choice}" \
        "(runs $(openblas_says "$core"))"
    CONV4J_THREADS=$threads java -jar conv4j-bench/target/benchmarks.jar 'conv4j.bench.GemmBench' \
        -jvmArgsAppend "--add-modules jdk.incubator.vector $flags" -rf json -rff "$json" \
        ${jmh_args[@]+"${jmh_args[@]}"} >"$log"
    grep -m1 'Vector unit:' "$log" || true
    grep -m1 'GEMM kernel:' "$log" || true
    grep -E '^(Benchmark|GemmBench)' "$log"

    prefix=""
    [[ $width == native ]] || prefix="$width: "
    for pair in "64x576x25088 64x576x25088" "1024x1024x1024 1024"; do
        read -r shape label <<<"$pair"
        IFS=x read -r m k n <<<"$shape"
        ms=$(conv4j_ms "$json" "$log" "$shape")
        conv=$(awk -v m="$m" -v k="$k" -v n="$n" -v ms="$ms" 'BEGIN { printf "%.1f", 2 * m * k * n / (ms * 1e6) }')
        ob=$(openblas_gflops "$shape" "$core")
        if [[ $ob == n/a ]]; then
            summary+=("${prefix}gemm $label: conv4j $conv GFLOP/s, openblas n/a, ratio n/a")
        else
            ratio=$(awk -v x="$conv" -v y="$ob" 'BEGIN { printf "%.2f", x / y }')
            summary+=("${prefix}gemm $label: conv4j $conv GFLOP/s, openblas $ob GFLOP/s, ratio $ratio")
        fi
    done
done

echo "=="
printf '%s\n' "${summary[@]}"
