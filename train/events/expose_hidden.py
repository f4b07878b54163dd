"""Give the quote encoder's ONNX graph the event heads' input: its last layer's output as a
graph output of its own (``hidden``, one 384-wide row a wordpiece), beside the quote heads'
``parts`` and ``content``.

The graph is not retrained or changed otherwise: the event heads read the quote-tuned encoder
as it is, so the quote figures cannot move (the script checks that ``parts`` and ``content``
come out bit for bit as before on a few windows). Run in the training environment (``onnx``):

    /tmp/train-env/bin/python train/events/expose_hidden.py src/storyline/knowledge/data/quote_encoder/encoder.onnx
"""

from __future__ import annotations

import argparse
import os
import tempfile

import numpy
import onnx
import onnxruntime

HIDDEN = "hidden"
_LAST_LAYER = "/encoder/encoder/layer.5/output/LayerNorm/LayerNormalization_output_0"


def exposed(model: onnx.ModelProto) -> onnx.ModelProto:
    """The model with the last layer's output named ``hidden`` among its outputs."""
    graph = model.graph
    if any(output.name == HIDDEN for output in graph.output):
        return model
    if not any(_LAST_LAYER in node.output for node in graph.node):
        raise SystemExit(f"no tensor {_LAST_LAYER} in the graph: was it exported by train_quote_encoder.py?")
    graph.node.append(onnx.helper.make_node("Identity", [_LAST_LAYER], [HIDDEN], name="hidden_identity"))
    graph.output.append(onnx.helper.make_tensor_value_info(HIDDEN, onnx.TensorProto.FLOAT, ["batch", "length", 384]))
    return model


def _outputs(path: str, inputs: dict[str, numpy.ndarray]) -> list[numpy.ndarray]:
    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    return session.run(["parts", "content"], inputs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", help="the quote encoder's encoder.onnx, rewritten in place")
    args = parser.parse_args()
    model = onnx.load(args.graph)
    new = exposed(model)
    with tempfile.TemporaryDirectory() as scratch:
        written = os.path.join(scratch, "encoder.onnx")
        onnx.save(new, written)
        rng = numpy.random.default_rng(27)
        for length in (5, 64, 256):
            inputs = {
                "inputs_embeds": rng.normal(0, 0.05, (1, length, 384)).astype("float32"),
                "attention_mask": numpy.ones((1, length), dtype="int64"),
            }
            for before, after in zip(_outputs(args.graph, inputs), _outputs(written, inputs), strict=True):
                if not numpy.array_equal(before, after):
                    raise SystemExit("the quote heads' outputs changed: not written")
        os.replace(written, args.graph)
    print(f"{args.graph}: outputs {[o.name for o in new.graph.output]}")


if __name__ == "__main__":
    main()
