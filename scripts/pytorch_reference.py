#!/usr/bin/env python3
"""Writes Tests/D2LTests/Fixtures/pytorch_reference.json: PyTorch's values for the D2L tests.

Everything is computed the way the notes (d2l.ai 4.2, PyTorch edition) compute it, in float32:
  relu(X) = torch.max(X, torch.zeros_like(X))   (gradient 0.5 at exactly 0: a tie splits evenly)
  net(X)  = relu(X.reshape(-1, num_inputs) @ W1 + b1) @ W2 + b2
  loss    = nn.functional.cross_entropy(logits, labels, reduction=...)

Run:  /opt/torchvenv/bin/python scripts/pytorch_reference.py
      (elsewhere: python3 -m venv .venv && .venv/bin/pip install torch==2.13.0+cpu numpy \
       --index-url https://download.pytorch.org/whl/cpu)
"""
import json
import pathlib

import torch
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/D2LTests/Fixtures/pytorch_reference.json"


def t(values):
    return torch.tensor(values, dtype=torch.float32)


def plain(x):
    """A tensor as nested Python lists of floats (float32 values are exact in JSON doubles)."""
    return x.detach().tolist()


def relu(X):
    return torch.max(X, torch.zeros_like(X))


def relu_case():
    X = t([[-1.5, 0.0, 2.0], [3.0, -0.25, 0.5], [0.0, -3.0, 1e-3]]).requires_grad_()
    Y = relu(X)
    Y.sum().backward()
    return {"x": plain(X), "y": plain(Y), "grad_of_sum": plain(X.grad)}


def softmax_case():
    X = t([[1.0, 2.0, 3.0], [1000.0, -1000.0, 0.0], [-0.5, -0.5, -0.5], [20.0, 19.0, -7.0]])
    return {"x": plain(X), "y": plain(torch.softmax(X, dim=1))}


def cross_entropy_case():
    logits = t([[1000.0, -1000.0, 0.0],
                [-1000.0, 1000.0, 0.0],
                [0.1, 0.2, 0.7],
                [2.0, 1.0, 0.1],
                [1000.0, 1000.0, -1000.0],
                [-1000.0, -1000.0, -1000.0]]).requires_grad_()
    labels = torch.tensor([1, 1, 2, 0, 0, 2])
    F.cross_entropy(logits, labels, reduction="mean").backward()
    grad_of_mean = logits.grad.clone()
    logits.grad = None
    F.cross_entropy(logits, labels, reduction="sum").backward()
    return {
        "logits": plain(logits),
        "labels": labels.tolist(),
        "none": plain(F.cross_entropy(logits, labels, reduction="none")),
        "mean": F.cross_entropy(logits, labels, reduction="mean").item(),
        "sum": F.cross_entropy(logits, labels, reduction="sum").item(),
        "grad_of_mean": plain(grad_of_mean),
        "grad_of_sum": plain(logits.grad),
    }


def network_case(X, labels, weights, biases):
    """Output, mean loss and its gradients for relu hidden layers and a linear output layer."""
    Ws = [t(w).requires_grad_() for w in weights]
    bs = [t(b).requires_grad_() for b in biases]
    X = t(X)
    H = X.reshape(-1, Ws[0].shape[0])
    for W, b in zip(Ws[:-1], bs[:-1]):
        H = relu(H @ W + b)
    out = H @ Ws[-1] + bs[-1]
    y = torch.tensor(labels)
    loss = F.cross_entropy(out, y, reduction="mean")
    loss.backward()
    return {
        "x": plain(X), "labels": labels,
        "weights": [plain(W) for W in Ws], "biases": [plain(b) for b in bs],
        "output": plain(out), "loss_mean": loss.item(),
        "grad_weights": [plain(W.grad) for W in Ws], "grad_biases": [plain(b.grad) for b in bs],
    }


def chapter_network():
    """The chapter's net in small: inputs 6, hidden 5, outputs 3, batch 4."""
    X = [[-0.35, -0.7, 0.3, -0.86, 0.07, -0.27], [-0.88, 0.01, -0.93, -0.13, -0.86, -0.82],
         [-0.15, 0.65, -0.75, -0.55, 0.25, 0.9], [0.15, -0.21, 0.95, -0.91, 0.72, -0.42]]
    W1 = [[-0.57, -0.61, -0.31, 0.51, -0.51], [0.13, 0.22, -0.2, 0.08, -0.7],
          [-0.7, -0.47, 0.29, -0.12, -0.3], [0.14, -0.07, -0.32, 0.47, 0.32],
          [-0.41, 0.12, 0.04, 0.6, 0.37], [-0.34, 0.77, -0.61, -0.13, 0.41]]
    b1 = [-0.35, -0.01, -0.46, 0.17, 0.26]
    W2 = [[0.12, 0.6, -0.3], [0.31, 0.15, 0.13], [-0.07, 0.54, 0.71], [-0.04, 0.26, -0.7],
          [0.32, 0.24, 0.79]]
    b2 = [0.32, -0.22, -0.11]
    return network_case(X, [2, 0, 1, 2], [W1, W2], [b1, b2])


def deep_network():
    """Two hidden layers: inputs 4, hiddens 5 and 3, outputs 2, batch 3."""
    X = [[0.34, -0.95, -0.08, -0.66], [-0.77, -0.88, 0.54, -0.74], [-0.5, -0.22, 0.74, -0.84]]
    V1 = [[-0.09, 0.09, 0.69, 0.57, 0.66], [-0.4, -0.15, -0.25, 0.69, 0.82],
          [-0.63, -0.58, -0.48, -0.48, -0.03], [0.16, -0.43, -0.89, -0.15, -0.24]]
    c1 = [0.07, 0.45, 0.19, 0.02, 0.12]
    V2 = [[0.32, -0.8, 0.72], [0.5, 0.67, 0.54], [-0.19, -0.18, -0.71], [0.24, -0.79, -0.78],
          [-0.52, -0.61, -0.29]]
    c2 = [-0.45, -0.5, -0.35]
    V3 = [[-0.72, -0.25], [-0.85, 0.67], [0.21, -0.63]]
    c3 = [-0.25, -0.15]
    return network_case(X, [1, 0, 1], [V1, V2, V3], [c1, c2, c3])


def ones_network():
    """Lesson 2's all-ones initialisation in small: W1 and W2 all ones, zero biases. The softmax
    cross-entropy gradients of a row sum to zero and W2's columns are equal, so W1's first
    gradient is exactly 0; W2's gradient has equal rows."""
    X = [[0.2, 0.9, 0.4, 0.0, 0.7, 0.1], [1.0, 0.0, 0.5, 0.3, 0.2, 0.8],
         [0.6, 0.4, 0.1, 0.9, 0.0, 0.5], [0.3, 0.3, 0.8, 0.2, 0.6, 0.4]]
    ones = lambda rows, cols: [[1.0] * cols for _ in range(rows)]
    return network_case(X, [2, 0, 1, 2], [ones(6, 5), ones(5, 3)], [[0.0] * 5, [0.0] * 3])


def leaf_case():
    """Lesson 2: a scaled randn with requires_grad is not a leaf, so backward leaves its .grad None;
    nn.Parameter makes the scaled tensor the leaf."""
    import warnings
    X = torch.ones(2, 4)
    W = torch.randn(4, 3, requires_grad=True) * 0.01
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (X @ W).sum().backward()
        grad_is_none = W.grad is None
    P = torch.nn.Parameter(torch.randn(4, 3) * 0.01)
    (X @ P).sum().backward()
    return {"scaled_is_leaf": W.is_leaf, "scaled_grad_is_none": grad_is_none, "scaled_grad_warns": len(caught) > 0,
            "parameter_is_leaf": P.is_leaf, "parameter_grad_is_none": P.grad is None}


def confusion_case():
    """Predicted classes (argmax of the logits) against labels, counted the way torch does; the
    per-class precision (diagonal over the column sums) and the indices of the wrong predictions."""
    g = torch.Generator().manual_seed(4)
    classes = 4
    logits = torch.randn(24, classes, generator=g)
    labels = torch.randint(0, classes, (24,), generator=g)
    predicted = logits.argmax(dim=1)
    matrix = torch.bincount(labels * classes + predicted, minlength=classes * classes).reshape(classes, classes)
    per_class = matrix.diag().double() / matrix.sum(dim=1).double()
    precision = matrix.diag().double() / matrix.sum(dim=0).double()
    wrong = (predicted != labels).nonzero().flatten()
    return {
        "classes": classes, "logits": plain(logits), "labels": labels.tolist(),
        "predicted": predicted.tolist(), "matrix": matrix.tolist(), "per_class_accuracy": per_class.tolist(),
        "per_class_precision": precision.tolist(), "wrong_indices": wrong.tolist(),
    }


def main():
    reference = {
        "generator": "scripts/pytorch_reference.py",
        "torch_version": torch.__version__,
        "relu": relu_case(),
        "softmax": softmax_case(),
        "cross_entropy": cross_entropy_case(),
        "network": chapter_network(),
        "deep_network": deep_network(),
        "ones_network": ones_network(),
        "confusion": confusion_case(),
        "leaf": leaf_case(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(reference, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
