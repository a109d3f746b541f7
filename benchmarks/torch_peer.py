#!/usr/bin/env python3
"""The PyTorch peer of `tutor train`: section 4.2 of Dive into Deep Learning, exactly as the book
trains it (W1 784x256 and W2 256x10 = randn * 0.01, zero biases, relu = torch.max(X, 0),
nn.CrossEntropyLoss(reduction='none'), torch.optim.SGD(lr=0.1), batch 256, 10 epochs, d2l's
train_ch3: mean loss backward, optimizer step, metrics from the same forward pass).

Two data setups:
  book  the book's loader: a Dataset turning one image at a time into a tensor (what
        transforms.ToTensor does: uint8 -> float / 255, shape 1x28x28), DataLoader(batch_size=256,
        shuffle=True, num_workers=4) for training and (shuffle=False, num_workers=4) for testing.
  fast  the fastest fair setup: all images converted once into one float tensor, each epoch a
        torch.randperm order indexed batch by batch, no workers.

Reads the IDX .gz files itself (torchvision is not needed). Prints one JSON object per epoch
and a final JSON summary on stdout.
"""
import argparse
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if data[0] != 0 or data[1] != 0 or data[2] != 8:
        sys.exit(f"{path}: not an unsigned-byte IDX file")
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def find(directory, name):
    for candidate in (name + ".gz", name):
        path = os.path.join(directory, candidate)
        if os.path.exists(path):
            return path
    sys.exit(f"{name}(.gz) not found in {directory}")


class OneImageAtATime(torch.utils.data.Dataset):
    """What torchvision's FashionMNIST + ToTensor hand the DataLoader: one image per call."""

    def __init__(self, images, labels):
        self.images, self.labels = images, labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        image = torch.from_numpy(self.images[i].copy()).view(1, 28, 28).float().div(255)
        return image, int(self.labels[i])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--setup", choices=["book", "fast"], required=True)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    train_x = read_idx(find(args.data, "train-images-idx3-ubyte"))
    train_y = read_idx(find(args.data, "train-labels-idx1-ubyte"))
    test_x = read_idx(find(args.data, "t10k-images-idx3-ubyte"))
    test_y = read_idx(find(args.data, "t10k-labels-idx1-ubyte"))

    num_inputs, num_outputs, num_hiddens = 784, 10, 256
    W1 = nn.Parameter(torch.randn(num_inputs, num_hiddens, requires_grad=True) * 0.01)
    b1 = nn.Parameter(torch.zeros(num_hiddens, requires_grad=True))
    W2 = nn.Parameter(torch.randn(num_hiddens, num_outputs, requires_grad=True) * 0.01)
    b2 = nn.Parameter(torch.zeros(num_outputs, requires_grad=True))
    params = [W1, b1, W2, b2]

    def relu(X):
        a = torch.zeros_like(X)
        return torch.max(X, a)

    def net(X):
        X = X.reshape((-1, num_inputs))
        H = relu(X @ W1 + b1)
        return H @ W2 + b2

    loss = nn.CrossEntropyLoss(reduction="none")
    updater = torch.optim.SGD(params, lr=args.lr)

    if args.setup == "book":
        train_iter = torch.utils.data.DataLoader(OneImageAtATime(train_x, train_y), args.batch_size,
                                                 shuffle=True, num_workers=4)
        test_iter = torch.utils.data.DataLoader(OneImageAtATime(test_x, test_y), args.batch_size,
                                                shuffle=False, num_workers=4)
    else:
        X_all = torch.from_numpy(train_x.reshape(-1, 784).copy()).float().div(255)
        y_all = torch.from_numpy(train_y.astype(np.int64))
        X_test = torch.from_numpy(test_x.reshape(-1, 784).copy()).float().div(255)
        y_test = torch.from_numpy(test_y.astype(np.int64))
        n = len(y_all)

        def train_iter_fn():
            order = torch.randperm(n)
            for s in range(0, n, args.batch_size):
                idx = order[s: s + args.batch_size]
                yield X_all[idx], y_all[idx]

        def test_iter_fn():
            for s in range(0, len(y_test), args.batch_size):
                yield X_test[s: s + args.batch_size], y_test[s: s + args.batch_size]

    def accuracy(y_hat, y):
        return float((y_hat.argmax(axis=1).type(y.dtype) == y).sum())

    def evaluate_accuracy(batches):
        correct, count = 0.0, 0
        with torch.no_grad():
            for X, y in batches:
                correct += accuracy(net(X), y)
                count += y.numel()
        return correct / count

    history = []
    start = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        t = time.perf_counter()
        total_loss, total_correct, total = 0.0, 0.0, 0
        for X, y in (train_iter if args.setup == "book" else train_iter_fn()):
            y_hat = net(X)
            l = loss(y_hat, y)
            updater.zero_grad()
            l.mean().backward()
            updater.step()
            total_loss += float(l.sum())
            total_correct += accuracy(y_hat, y)
            total += y.numel()
        test_acc = evaluate_accuracy(test_iter if args.setup == "book" else test_iter_fn())
        stats = {"epoch": epoch, "train_loss": total_loss / total, "train_acc": total_correct / total,
                 "test_acc": test_acc, "seconds": time.perf_counter() - t}
        history.append(stats)
        print(json.dumps(stats), flush=True)
    print(json.dumps({"epochs": history, "total_seconds": time.perf_counter() - start,
                      "torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)


if __name__ == "__main__":
    main()
