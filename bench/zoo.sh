#!/usr/bin/env bash
# The zoo on 2 threads: forward latency at batch 1 and throughput at batch 8 on 3 x 224 x 224 for resnet18, resnet50,
# vgg16, googlenet and alexnet (eval mode, no autograd), and a resnet18 training step at batch 64 on 3 x 32 x 32,
# each after at least five seconds of warm-up calls;
# conv4j (conv4j.bench.ZooBench) and, where a Python with torch and torchvision is found, PyTorch in the same run
# (bench/zoo_torch.py, torch.set_num_threads(2) with OPENBLAS_NUM_THREADS=1), then ONNX Runtime's Java binding
# (conv4j.bench.OnnxRuntimeZooBench: 2 intra-op threads, sequential, all graph optimisations) on the same torchvision
# models, which bench/zoo_onnx.py exports with that Python into bench/results/onnx (kept between runs; no torch, no
# ONNX Runtime figures). Arguments: --models a,b --runs N --width native|avx2|256|128|scalar (see bench/width.sh;
# ONNX Runtime cannot be narrowed and runs at the CPU's full width). conv4j prints its machine, kernels and every
# model's convolution plan first.
# The last lines are, per model and for the training step (n/a where a peer did not run):
#   <model> fwd b1: conv4j <a> ms, pytorch <b> ms, onnxruntime <c> ms, ratio <a/b>, ratio to onnxruntime <a/c>
#   <model> fwd b8: conv4j <a> img/s, pytorch <b> img/s, onnxruntime <c> img/s, ratio <b/a>, ratio to onnxruntime
#       <c/a> (of times, as above)
#   resnet18 train b64 32x32: conv4j <a> ms, pytorch <b> ms, ratio <a/b> (an inference session does not train)
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
if [[ $width != native ]]; then
    # MLAS, its CPU kernels, picks an instruction set from cpuid alone; no option or variable narrows it
    echo "== onnxruntime has no instruction-set switch: it runs at the CPU's full width, not at $width"
fi
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

onnx_dir=$results/onnx
ort_out=""
if [[ -z $torch_python ]]; then
    echo "== onnxruntime: skipped: its models are torchvision's, exported by bench/zoo_onnx.py, which needs torch"
else
    echo "== onnx export ($torch_python bench/zoo_onnx.py into $onnx_dir; files already there are kept)"
    if ! "$torch_python" bench/zoo_onnx.py --out "$onnx_dir" --models "$models"; then
        echo "== onnxruntime: skipped: the export failed"
    else
        echo "== onnxruntime (Java binding, 2 intra-op threads, at the CPU's full width)"
        ort_out=$(java -Xmx6g -cp conv4j-bench/target/benchmarks.jar conv4j.bench.OnnxRuntimeZooBench \
            --models "$models" --runs "$runs" --dir "$onnx_dir" 2>&1 | tee "$results/zoo-onnxruntime.log")
        echo "$ort_out"
    fi
fi

# figure <lines> <model> <label>: the number after "<model> <who> <label>: "
figure() {
    awk -v m="$2" -v l="$3" '$1 == m && index($0, l ":") { sub(".*" l ": ", ""); print $1; exit }' <<<"$1"
}
# ratio <numerator> <denominator>: to two places, n/a where either figure is missing
ratio() {
    if [[ -n $1 && -n $2 ]]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; else echo n/a; fi
}
compare() { # compare <model> <label> <name in the last line>: times on every side, conv4j's over the peer's
    local a b c
    a=$(figure "$conv4j_out" "$1" "$2")
    b=$(figure "$torch_out" "$1" "$2")
    c=$(figure "$ort_out" "$1" "$2")
    echo "$1 $3: conv4j $a ms, pytorch ${b:-n/a} ms, onnxruntime ${c:-n/a} ms, ratio $(ratio "$a" "$b"),\
 ratio to onnxruntime $(ratio "$a" "$c")"
}
compare_rate() { # compare_rate <model> <label>: img/s on every side, the ratios of times
    local a b c
    a=$(figure "$conv4j_out" "$1" "$2")
    b=$(figure "$torch_out" "$1" "$2")
    c=$(figure "$ort_out" "$1" "$2")
    echo "$1 $2: conv4j $a img/s, pytorch ${b:-n/a} img/s, onnxruntime ${c:-n/a} img/s, ratio $(ratio "$b" "$a"),\
 ratio to onnxruntime $(ratio "$c" "$a")"
}
compare_train() { # compare_train: the training step, conv4j and PyTorch only
    local a b
    a=$(figure "$conv4j_out" resnet18 "train b64 32x32")
    b=$(figure "$torch_out" resnet18 "train b64 32x32")
    echo "resnet18 train b64 32x32: conv4j $a ms, pytorch ${b:-n/a} ms, ratio $(ratio "$a" "$b")"
}
echo "== summary at width $width, onnxruntime at full width (ratio = conv4j time / pytorch time, ratio to\
 onnxruntime = conv4j time / onnxruntime time; below 1 is faster)"
for m in ${models//,/ }; do
    compare "$m" "fwd b1" "fwd b1"
    compare_rate "$m" "fwd b8"
done
compare_train
