# Sourced by the bench scripts: `--width W` runs conv4j (and, where it can, the peer) on one vector shape of this
# machine. W is one of:
#   native  the CPU's own vectors (default)
#   avx2    256-bit vectors and 16 registers, as on an AVX2-only CPU (-XX:UseAVX=2; x86 only)
#   256     256-bit vectors, keeping the register file (-XX:MaxVectorSize=32)
#   128     128-bit vectors, NEON's width (-XX:MaxVectorSize=16)
#   scalar  the scalar twins (-Dconv4j.vector=false)
# It sets width_jvm (JVM flags for conv4j) and exports what narrows the peers: OpenBLAS's core type, oneDNN's
# instruction set and PyTorch's own kernels' capability.

width_setup() {
    width=$1
    case $width in
        native) width_jvm="" ;;
        avx2)
            width_jvm="-XX:UseAVX=2"
            export OPENBLAS_CORETYPE=Haswell ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2 ;;
        256)
            width_jvm="-XX:MaxVectorSize=32"
            export OPENBLAS_CORETYPE=Haswell ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2 ;;
        128)
            width_jvm="-XX:MaxVectorSize=16"
            export OPENBLAS_CORETYPE=Nehalem ONEDNN_MAX_CPU_ISA=SSE41 DNNL_MAX_CPU_ISA=SSE41 \
                ATEN_CPU_CAPABILITY=default ;;
        scalar) width_jvm="-Dconv4j.vector=false" ;;
        *) echo "unknown --width '$width' (known: native avx2 256 128 scalar)" >&2; exit 2 ;;
    esac
}

width_header() {
    echo "== machine: $(lscpu 2>/dev/null | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }'),\
 $(nproc) cores; width: $width${width_jvm:+ ($width_jvm)}"
}
