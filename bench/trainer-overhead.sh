#!/usr/bin/env bash
# What conv4j.train.Trainer costs on top of a bare training loop: LeNet-5 steps/s at batch 64 on random data, the
# bare loop and the Trainer (each divergence-guard setting) taking turns in one JVM, and bytes allocated per step.
# Arguments: [rounds] [batches per epoch].
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package -pl conv4j-bench -am
export CONV4J_THREADS=${CONV4J_THREADS:-2}
java --add-modules=jdk.incubator.vector -cp conv4j-bench/target/benchmarks.jar conv4j.bench.TrainerOverhead "$@" \
    2>&1 | grep -v -e '^WARNING: Using incubator modules'
