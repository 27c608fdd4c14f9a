#!/usr/bin/env python3
"""Writes torchvision models' weights, a fixed input and PyTorch's output as .safetensors files.

For each model named on the command line, in --out:
  <name>.safetensors     the model's state_dict (float32; num_batches_tracked as int64), randomly initialised
                         from --seed, with BatchNorm's running statistics and affine parameters randomised too, so
                         that evaluation mode really exercises them (fresh ones are the identity);
  <name>-io.safetensors  "input" (batch x 3 x size x size, seeded normal values) and "output" (the eval-mode logits).
  <name>-opset<K>.onnx   with --onnx-opsets K,..: the same model exported by torch.onnx.export at each opset, input
                         "input" and output "output" with a symbolic batch dimension "N".
The name "lrn" writes lrn-io.safetensors: torch.nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2), AlexNet's, on
a seeded input, since no torchvision model has LRN.

Needs PyTorch and torchvision (Debian: apt-get install python3-torchvision). No network: weights are random, never
downloaded. The files are written by hand in the safetensors layout (8-byte little-endian header length, JSON header,
raw little-endian data), so the safetensors package is not needed.

  python3 tools/export_torchvision.py --out build/torchvision alexnet vgg11 vgg11_bn googlenet resnet18 resnet50 lrn
  python3 tools/export_torchvision.py --out build/torchvision --onnx-opsets 13,17 resnet18
"""
import argparse
import json
import os
import struct
import sys

import torch
import torchvision

MODELS = {
    "alexnet": lambda: torchvision.models.alexnet(weights=None),
    "vgg11": lambda: torchvision.models.vgg11(weights=None),
    "vgg11_bn": lambda: torchvision.models.vgg11_bn(weights=None),
    "vgg16": lambda: torchvision.models.vgg16(weights=None),
    "googlenet": lambda: torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=True),
    "resnet18": lambda: torchvision.models.resnet18(weights=None),
    "resnet34": lambda: torchvision.models.resnet34(weights=None),
    "resnet50": lambda: torchvision.models.resnet50(weights=None),
}

DTYPES = {torch.float32: ("F32", "<f4"), torch.int64: ("I64", "<i8")}


def write_safetensors(path, tensors, metadata=None):
    header = {}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        if t.dtype not in DTYPES:
            t = t.float()
        dtype, numpy_type = DTYPES[t.dtype]
        data = t.numpy().astype(numpy_type).tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def randomise_batch_norms(model, generator):
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            c = m.num_features
            with torch.no_grad():
                m.weight.copy_(1 + 0.2 * torch.randn(c, generator=generator))
                m.bias.copy_(0.2 * torch.randn(c, generator=generator))
                m.running_mean.copy_(0.2 * torch.randn(c, generator=generator))
                m.running_var.copy_(0.5 + torch.rand(c, generator=generator))
                m.num_batches_tracked.fill_(7)


def export_model(name, out, seed, size, batch, opsets=()):
    torch.manual_seed(seed)
    model = MODELS[name]()
    generator = torch.Generator().manual_seed(seed + 1)
    randomise_batch_norms(model, generator)
    model.eval()
    x = torch.randn(batch, 3, size, size, generator=generator)
    with torch.no_grad():
        y = model(x)
    meta = {"model": name, "torch": torch.__version__, "torchvision": torchvision.__version__, "seed": str(seed)}
    write_safetensors(os.path.join(out, name + ".safetensors"), model.state_dict(), meta)
    write_safetensors(os.path.join(out, name + "-io.safetensors"), {"input": x, "output": y}, meta)
    for opset in opsets:
        path = os.path.join(out, "%s-opset%d.onnx" % (name, opset))
        tmp = path + ".tmp"
        with torch.no_grad():
            torch.onnx.export(model, x, tmp, opset_version=opset, input_names=["input"], output_names=["output"],
                              dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})
        os.replace(tmp, path)


def export_lrn(out, seed):
    generator = torch.Generator().manual_seed(seed)
    lrn = torch.nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2.0)
    # Values of the size AlexNet's conv1 puts out, so the sum of squares matters next to k.
    x = 20 * torch.randn(2, 16, 7, 9, generator=generator)
    with torch.no_grad():
        y = lrn(x)
    meta = {"model": "lrn", "size": "5", "alpha": "0.0001", "beta": "0.75", "k": "2", "torch": torch.__version__}
    write_safetensors(os.path.join(out, "lrn-io.safetensors"), {"input": x, "output": y}, meta)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="+", help="models to export: " + ", ".join(sorted(MODELS)) + ", lrn")
    parser.add_argument("--out", required=True, help="folder for the files (created if missing)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--size", type=int, default=224, help="input height and width (default 224)")
    parser.add_argument("--batch", type=int, default=2)
    parser.add_argument("--onnx-opsets", default="", help="also export each model to ONNX at these opsets, e.g. 13,17")
    args = parser.parse_args()
    unknown = [m for m in args.models if m not in MODELS and m != "lrn"]
    if unknown:
        parser.error("unknown model(s) " + ", ".join(unknown) + "; known: " + ", ".join(sorted(MODELS)) + ", lrn")
    opsets = [int(k) for k in args.onnx_opsets.split(",") if k.strip()]
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    for name in args.models:
        if name == "lrn":
            export_lrn(args.out, args.seed)
        else:
            export_model(name, args.out, args.seed, args.size, args.batch, opsets)
        print("wrote", name, file=sys.stderr)


if __name__ == "__main__":
    main()
