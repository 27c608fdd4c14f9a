#!/usr/bin/env bash
# Load on the web lab's prediction API: `conv4j serve` in its own JVM on loopback, and N concurrent clients
# (conv4j.bench.ServeLoad, java.net.http) each sending a drawn digit (a 280 x 280 PNG, what the lab's page sends) to
# POST /api/predict one request after another for a fixed time. One line per client count:
#   serve: <N> clients, <T> s: <r> requests/s, p50 <a> ms, p99 <b> ms, errors <e> (<status>: <count>, ...)
# Errors must be 0 while the clients fit in the server's queue (2 workers on 2 cores + 32 waiting by default);
# beyond it the server answers 503 with Retry-After. Usage: bench/serve.sh [SECONDS] [CLIENTS...]
# The model is lenet5-mnist.safetensors at the top of the checkout if there is one, else a LeNet-5 with random
# weights (the work per request is the same).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
shift || true
clients=("$@")
if [[ ${#clients[@]} -eq 0 ]]; then
    clients=(1 2 4 8 16 32 64)
fi

mvn -q -B -DskipTests package -pl conv4j-cli,conv4j-bench -am
bench=(java --add-modules=jdk.incubator.vector -cp conv4j-bench/target/benchmarks.jar conv4j.bench.ServeLoad)

work=$(mktemp -d)
server_pid=""
cleanup() {
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

model=lenet5-mnist.safetensors
if [[ ! -f $model ]]; then
    model="$work/random-lenet5.safetensors"
    "${bench[@]}" --write-model "$model" 2>/dev/null
fi

java --add-modules jdk.incubator.vector -jar conv4j-cli/target/conv4j.jar serve --model "$model" --port 0 \
    >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 100); do
    grep -q 'conv4j lab: http' "$work/serve.out" 2>/dev/null && break
    sleep 0.1
done
url="$(grep -o 'http://[^ ]*' "$work/serve.out")api/predict"
echo "== conv4j serve --model $model ($url), $(nproc) cores; ${seconds} s per run after a 5 s warm-up"
"${bench[@]}" "$url" 4 5 2>/dev/null >/dev/null
for n in "${clients[@]}"; do
    "${bench[@]}" "$url" "$n" "$seconds" 2>/dev/null
done
