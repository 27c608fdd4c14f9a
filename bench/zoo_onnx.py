"""The zoo's torchvision networks as ONNX files, for ONNX Runtime's figures in bench/zoo.sh.

Writes <out>/<model>.onnx for each model that bench/zoo_torch.py times (the same builders, random weights, eval
mode): opset 13, one input named "input" (N x 3 x 224 x 224) and one output named "output", the batch axis dynamic so
that one file serves batch 1 and batch 8. A model whose file exists is skipped; delete the folder to export again.
torch.onnx.export writes the protobuf itself, so the onnx package is not needed.

    /usr/bin/python3 bench/zoo_onnx.py --out bench/results/onnx [--models resnet18,...]
"""
import argparse
import os

import torch

from zoo_torch import BUILDERS

OPSET = 13


def export(name, path):
    torch.manual_seed(0)
    model = BUILDERS[name]().eval()
    example = torch.randn(1, 3, 224, 224)
    tmp = path + ".part"  # an interrupted export must not leave a file that looks finished
    with torch.no_grad():
        torch.onnx.export(model, example, tmp, opset_version=OPSET, input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description="torchvision models to ONNX for ONNX Runtime")
    parser.add_argument("--out", default="bench/results/onnx")
    parser.add_argument("--models", default=",".join(BUILDERS))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name in args.models.split(","):
        path = os.path.join(args.out, name + ".onnx")
        if os.path.exists(path):
            print(f"{name}: {path} exists, kept")
            continue
        export(name, path)
        print(f"{name}: exported to {path} (opset {OPSET})")


if __name__ == "__main__":
    main()
