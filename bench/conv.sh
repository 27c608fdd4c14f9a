#!/usr/bin/env bash
# Conv2d kernels on 2 threads: forward, backward-input and backward-weight of a ResNet 3x3 layer and LeNet's C1/C3,
# plus im2col alone. Prints ms/op and GFLOP/s (2 * multiply-adds / time); the last line is the headline number.
# `--width native|avx2|256|128|scalar` first picks the vector shape (see bench/width.sh); other arguments go to JMH,
# e.g. `bench/conv.sh --width avx2 -p layer=RESNET_56 -wi 1 -i 3`.
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
mvn -q -DskipTests package -pl conv4j-bench -am
export CONV4J_THREADS=2
java --add-modules=jdk.incubator.vector -cp conv4j-bench/target/benchmarks.jar conv4j.bench.Conv2dBench \
    -jvmArgsAppend "--add-modules=jdk.incubator.vector $width_jvm" "$@" 2>&1 \
    | grep -v -e '^WARNING: Using incubator modules' -e '^SLF4J'
