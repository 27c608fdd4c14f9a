#!/usr/bin/env bash
# How fast an image folder loads: N JPEGs written to a temporary folder, then building the ImageFolder (decode,
# resize, keep in memory) and epochs through the DataLoader from memory and from the files, in images/s.
# Arguments: [images (2000)] [width (128)] [height (96)] [input side (64)] [rounds (5)].
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package -pl conv4j-bench -am
export CONV4J_THREADS=${CONV4J_THREADS:-2}
java --add-modules=jdk.incubator.vector -cp conv4j-bench/target/benchmarks.jar conv4j.bench.FolderLoading "$@" \
    2>&1 | grep -v -e '^WARNING: Using incubator modules'
