#!/usr/bin/env bash
# conv4j against ONNX Runtime on the same ONNX files: torchvision's resnet18 and resnet50 (random weights from a fixed
# seed, no download) exported by bench/zoo_onnx.py (opset 13, input "input" N x 3 x 224 x 224 with a dynamic batch,
# output "output") into a folder of this script's own, then conv4j.bench.OnnxBench: conv4j imports each file and runs
# it with CONV4J_THREADS=2, ONNX Runtime's Java binding runs it with 2 intra-op threads; forward passes at batch 1
# and 8, the median of N calls after at least five seconds of warm-up, in ms per batch for both and their ratio; the
# import's wall time (the first load, then the median of the next few in the same JVM); and how far the outputs
# differ. Needs a python3 with torch and torchvision (Debian: apt-get install python3-torchvision).
# Arguments: --models a,b (default resnet50,resnet18: the first is imported by a cold JVM), --runs N (default 9;
# a third of them at batch 8), --loads N (default 5).
# The last lines are, per model:
#   <model> load: first <ms> ms, median <ms> ms of <n> more (<size> MB)
#   <model> outputs: max |diff| <d>, max |output| <m>, relative <d/m>
#   <model> b1: conv4j <a> ms, onnxruntime <b> ms, ratio <a/b> (median of N)
#   <model> b8: conv4j <a> ms, onnxruntime <b> ms, ratio <a/b> (median of N/3)
set -euo pipefail
cd "$(dirname "$0")/.."

threads=2
models=resnet50,resnet18
runs=9
loads=5
while [[ $# -gt 0 ]]; do
    case $1 in
        --models) models=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --loads) loads=$2; shift 2 ;;
        *) echo "bench/onnx.sh: unknown argument '$1' (known: --models a,b --runs N --loads N)" >&2; exit 2 ;;
    esac
done

torch_python=""
for py in python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null && "$py" -c "import torch, torchvision" >/dev/null 2>&1; then
        torch_python=$py
        break
    fi
done
if [[ -z $torch_python ]]; then
    echo "bench/onnx.sh: no python3 with torch and torchvision found (Debian: apt-get install python3-torchvision)" >&2
    exit 1
fi

results=bench/results
onnx_dir=$results/onnx-bench
# exported afresh each run, so that the figures are of this torch's export and not of a file left from another
rm -rf "$onnx_dir"
mkdir -p "$onnx_dir"
echo "== cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
echo "== onnx export ($torch_python bench/zoo_onnx.py into $onnx_dir)"
"$torch_python" bench/zoo_onnx.py --out "$onnx_dir" --models "$models"

mvn -q -B -DskipTests package -pl conv4j-bench -am

echo "== conv4j (CONV4J_THREADS=$threads) and onnxruntime (2 intra-op threads)"
CONV4J_THREADS=$threads java --add-modules=jdk.incubator.vector -Xmx6g \
    -cp conv4j-bench/target/benchmarks.jar conv4j.bench.OnnxBench --models "$models" --dir "$onnx_dir" \
    --runs "$runs" --loads "$loads" 2>&1 | grep -v -e '^WARNING: Using incubator modules' | tee "$results/onnx.log"
