#!/usr/bin/env bash
# Conv2d kernels on 2 threads: forward, backward-input and backward-weight of a ResNet 3x3 layer and LeNet's C1/C3,
# plus im2col alone. Prints ms/op and GFLOP/s (2 * multiply-adds / time); the last line is the headline number.
# Extra arguments go to JMH, e.g. `bench/conv.sh -p layer=RESNET_56 -wi 1 -i 3`.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests package -pl conv4j-bench -am
export CONV4J_THREADS=2
java --add-modules=jdk.incubator.vector -cp conv4j-bench/target/benchmarks.jar conv4j.bench.Conv2dBench \
    -jvmArgsAppend --add-modules=jdk.incubator.vector "$@" 2>&1 \
    | grep -v -e '^WARNING: Using incubator modules' -e '^SLF4J'
