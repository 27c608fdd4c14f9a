#!/usr/bin/env python3
"""Writes ONNX's own backend node tests (a model.onnx, inputs and expected outputs per test) into a folder.

  /usr/bin/python3 tools/onnx_node_tests.py --out target/onnx-node

The generators ship with the onnx package (Debian: apt-get install python3-onnx). onnx 1.12's generators still use
numpy's aliases np.float, np.int, np.bool and np.object, which numpy 1.24 removed; they are restored (as the builtins
they always meant) before the generators run. conv4j-onnx's OnnxNodeTest reads the folder named by
CONV4J_ONNX_NODE_TESTS.
"""
import argparse
import sys

import numpy as np

for alias, builtin in (("float", float), ("int", int), ("bool", bool), ("object", object)):
    if alias not in np.__dict__:
        setattr(np, alias, builtin)

from onnx.backend.test import cmd_tools  # noqa: E402  (after the aliases: the generators use them when imported)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="folder for node/<test>/ (created if missing)")
    args = parser.parse_args()
    sys.argv = [sys.argv[0], "generate-data", "-o", args.out]
    cmd_tools.main()


if __name__ == "__main__":
    main()
