#!/usr/bin/env bash
# The zoo on 2 threads: forward latency at batch 1 and throughput at batch 8 on 3 x 224 x 224 for resnet18, resnet50,
# vgg16, googlenet and alexnet (eval mode, no autograd), and a resnet18 training step at batch 64 on 3 x 32 x 32,
# each after at least five seconds of warm-up calls;
# conv4j (conv4j.bench.ZooBench) and, where a Python with torch and torchvision is found, PyTorch in the same run
# (bench/zoo_torch.py, torch.set_num_threads(2) with OPENBLAS_NUM_THREADS=1). Arguments: --models a,b --runs N
# --width native|avx2|256|128|scalar (see bench/width.sh). conv4j prints its machine, kernels and every model's
# convolution plan first.
# The last lines are, per model and for the training step:
#   <model> fwd b1: conv4j <a> ms, pytorch <b> ms, ratio <a/b>
#   <model> fwd b8: conv4j <a> img/s, pytorch <b> img/s, ratio <b/a> (of times, as above)
#   resnet18 train b64 32x32: conv4j <a> ms, pytorch <b> ms, ratio <a/b>
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/width.sh
threads=2
models=resnet18,resnet50,vgg16,googlenet,alexnet
runs=9
width=native
while [[ $# -gt 0 ]]; do
    case $1 in
        --models) models=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --width) width=$2; shift 2 ;;
        *) echo "bench/zoo.sh: unknown argument '$1' (known: --models a,b --runs N --width W)" >&2; exit 2 ;;
    esac
done
width_setup "$width"
width_header
results=bench/results
mkdir -p "$results"

mvn -q -B -DskipTests package -pl conv4j-bench -am

echo "== conv4j (CONV4J_THREADS=$threads)"
# shellcheck disable=SC2086 # width_jvm is a list of flags
conv4j_out=$(CONV4J_THREADS=$threads java --add-modules=jdk.incubator.vector -Xmx6g $width_jvm \
    -cp conv4j-bench/target/benchmarks.jar conv4j.bench.ZooBench --models "$models" --runs "$runs" 2>&1 \
    | grep -v -e '^WARNING: Using incubator modules' | tee "$results/zoo-conv4j.log")
echo "$conv4j_out"

torch_python=""
for py in python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null && "$py" -c "import torch, torchvision" >/dev/null 2>&1; then
        torch_python=$py
        break
    fi
done
if [[ -z $torch_python ]]; then
    echo "== pytorch: no python3 with torch and torchvision found (Debian: apt-get install python3-torchvision)"
    torch_out=""
else
    echo "== pytorch ($torch_python, torch.set_num_threads($threads), OPENBLAS_NUM_THREADS=1)"
    torch_out=$(OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=$threads "$torch_python" bench/zoo_torch.py \
        --threads $threads --models "$models" --runs "$runs" | tee "$results/zoo-pytorch.log")
    echo "$torch_out"
fi

# figure <lines> <model> <label>: the number after "<model> <who> <label>: "
figure() {
    awk -v m="$2" -v l="$3" '$1 == m && index($0, l ":") { sub(".*" l ": ", ""); print $1; exit }' <<<"$1"
}
compare() { # compare <model> <label> <name in the last line>
    local a b ratio
    a=$(figure "$conv4j_out" "$1" "$2")
    b=$(figure "$torch_out" "$1" "$2")
    if [[ -n $b ]]; then
        ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')
    else
        b=n/a ratio=n/a
    fi
    echo "$1 $3: conv4j $a ms, pytorch $b ms, ratio $ratio"
}
compare_rate() { # compare_rate <model> <label>: img/s on both sides, the ratio of times
    local a b ratio
    a=$(figure "$conv4j_out" "$1" "$2")
    b=$(figure "$torch_out" "$1" "$2")
    if [[ -n $b ]]; then
        ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')
    else
        b=n/a ratio=n/a
    fi
    echo "$1 $2: conv4j $a img/s, pytorch $b img/s, ratio $ratio"
}
echo "== summary at width $width (ratio = conv4j time / pytorch time; below 1 is faster)"
for m in ${models//,/ }; do
    compare "$m" "fwd b1" "fwd b1"
    compare_rate "$m" "fwd b8"
done
compare resnet18 "train b64 32x32" "train b64 32x32"
