#!/usr/bin/env python3
"""Writes the .npy files the TutorCore tests read (Tests/TutorTests/Fixtures/npy/),
exactly as a learner following the notes in NumPy/PyTorch would save them.
Run: /opt/torchvenv/bin/python scripts/make-npy-fixtures.py   (needs numpy)."""
import os
import numpy as np

out = os.path.join(os.path.dirname(__file__), "..", "Tests", "TutorTests", "Fixtures", "npy")
os.makedirs(out, exist_ok=True)
relu = np.array([[0.0, 0.0, 2.0], [3.0, 0.0, 0.5]])
np.save(os.path.join(out, "relu-float32.npy"), relu.astype(np.float32))
np.save(os.path.join(out, "relu-float64.npy"), relu)
np.save(os.path.join(out, "labels-int64.npy"), np.array([9, 2, 1, 1], dtype=np.int64))
np.save(os.path.join(out, "scalar-float32.npy"), np.float32(0.125))
np.save(os.path.join(out, "fortran.npy"), np.asfortranarray(relu.astype(np.float32)))
np.save(os.path.join(out, "complex.npy"), np.array([1 + 2j], dtype=np.complex64))
