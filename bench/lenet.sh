#!/usr/bin/env bash
# LeNet-5 on 2 threads: training throughput at batch 64, inference throughput in batches of 1000 and batch-1 latency,
# conv4j (JMH, LeNetBench) and, where a Python with torch is found, PyTorch in the same run (bench/lenet_torch.py,
# torch.set_num_threads(2) with OPENBLAS_NUM_THREADS=1: two pools of two threads on two cores clash).
# `--width native|avx2|256|128|scalar` first picks the vector shape (see bench/width.sh); other arguments go to JMH,
# e.g. `bench/lenet.sh --width avx2 -wi 3 -i 5`. The last line is:
#   lenet train: conv4j <a> img/s, pytorch <b> img/s, ratio <a/b>
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/width.sh
width=native
if [[ ${1:-} == --width ]]; then
    width=$2
    shift 2
fi
width_setup "$width"
width_header
threads=2
results=bench/results
mkdir -p "$results"
log="$results/lenet-jmh.log"

mvn -q -B -DskipTests package -pl conv4j-bench -am

echo "== conv4j (JMH, CONV4J_THREADS=$threads)"
CONV4J_THREADS=$threads java --add-modules=jdk.incubator.vector -cp conv4j-bench/target/benchmarks.jar \
    conv4j.bench.LeNetBench -jvmArgsAppend "--add-modules=jdk.incubator.vector $width_jvm" "$@" 2>&1 \
    | grep -v -e '^WARNING: Using incubator modules' >"$log"
grep -m6 -E '^(cpu|java|vectors|gemm|direct convolution|threads): ' "$log" || true
grep -E '^(Benchmark|LeNetBench)' "$log" || true
grep '^lenet conv4j' "$log"
conv4j=$(awk '/^lenet conv4j train:/ { print $4 }' "$log")

# Debian's python3-torch installs into the system interpreter; a python3 earlier on the PATH (pyenv) may not see it.
torch_python=""
for py in python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null && "$py" -c "import torch" >/dev/null 2>&1; then
        torch_python=$py
        break
    fi
done

if [[ -z $torch_python ]]; then
    echo "== pytorch: no python3 with torch found (Debian: apt-get install python3-torch)"
    echo "lenet train: conv4j $conv4j img/s, pytorch n/a, ratio n/a"
    exit 0
fi
echo "== pytorch ($torch_python, torch.set_num_threads($threads), OPENBLAS_NUM_THREADS=1)"
torch_out=$(OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=$threads "$torch_python" bench/lenet_torch.py --threads $threads)
echo "$torch_out"
pytorch=$(awk '/^lenet pytorch train:/ { print $4 }' <<<"$torch_out")
ratio=$(awk -v a="$conv4j" -v b="$pytorch" 'BEGIN { printf "%.2f", a / b }')
echo "lenet train: conv4j $conv4j img/s, pytorch $pytorch img/s, ratio $ratio"
