#!/usr/bin/env python3
"""Writes the seed corpora of fuzz/corpus/ (small valid inputs of each format, and a few
near misses). Run from the repository root: python3 fuzz/make-seeds.py"""
import gzip, os, struct, zlib

def put(harness, name, data):
    folder = os.path.join("fuzz", "corpus", harness)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)

def idx(dims, payload):
    return bytes([0, 0, 8, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + bytes(payload)

# IDX: labels, a tiny image set, a 2-D file; each also gzipped (mtime 0: the same bytes every run).
labels = idx([6], [0, 1, 2, 9, 5, 3])
images = idx([2, 28, 28], [(i * 7) % 256 for i in range(2 * 784)])
matrix = idx([3, 4], range(12))
for name, data in [("labels", labels), ("images", images), ("matrix", matrix)]:
    put("idx", name + ".idx", data)
    put("idx", name + ".idx.gz", gzip.compress(data, mtime=0))
put("idx", "two-members.gz", gzip.compress(labels, mtime=0) + gzip.compress(matrix, mtime=0))
put("idx", "truncated.idx", matrix[:-3])

# Parameter files (docs/parameter-file.md): magic, version, layer count, shapes, W and b, CRC-32.
def parameters(shapes, value=lambda i: (i % 7 - 3) / 4):
    out = b"\x89MLP\r\n\x1a\n" + struct.pack("<II", 1, len(shapes))
    out += b"".join(struct.pack("<II", r, c) for r, c in shapes)
    n = 0
    for r, c in shapes:
        for _ in range(r * c + c):
            out += struct.pack("<f", value(n)); n += 1
    return out + struct.pack("<I", zlib.crc32(out))
put("parameter-file", "2-1.mlp", parameters([(2, 1)]))
put("parameter-file", "6-4-3-2.mlp", parameters([(6, 4), (4, 3), (3, 2)]))
put("parameter-file", "8-5-3.mlp", parameters([(8, 5), (5, 3)]))
put("parameter-file", "bad-checksum.mlp", parameters([(2, 2)])[:-1] + b"\x00")

# Markdown: the first byte is the width (1 + low 7 bits) and colour (high bit); the second
# repeats the text when 0xE0 or more (0: once).
def md(width, color, text, repeat=0):
    return bytes([(width - 1) | (0x80 if color else 0), repeat]) + text.encode()
put("markdown", "blocks.md", md(80, False, """# Title

Some *emphasis*, **strong**, `code`, [a link](https://example.com) and ![img](x.png).

> a quote
> > nested
> > > deeper

1. one
2. two
   - a
   - b
     1. c

```swift
let x = [1, 2, 3].map { $0 * 2 }
```

    indented code

---
Hard  
break and <b>html</b> &amp; entities.
"""))
put("markdown", "table.md", md(30, True, """| a | b | c |
|:--|:-:|--:|
| 1 | 二 | three three three |
| `x` | **y** | 中文全角字符 |
"""))
put("markdown", "cjk.md", md(12, False, "多层感知机（MLP）从零开始实现。隐藏层使用 ReLU 激活函数，输出层使用 softmax。\n\n- 列表项目一\n- 列表项目二\n"))
put("markdown", "nesting.md", md(40, True, "> " * 30 + "deep\n\n" + "- " * 30 + "list\n\n" + "*a **b _c `d`_** e*\n"))
put("markdown", "repeated-items.md", md(60, False, "1. item *em* `code`\n", repeat=0xE6))
for lang in ("en", "zh"):
    with open(os.path.join("lessons", lang, "03-relu.md"), encoding="utf-8") as f:
        put("markdown", "lesson-relu-" + lang + ".md", md(50, lang == "zh", f.read()[:6000]))

# Answers: the first byte picks the kind (number, integer, tensor, shape, choice, reflection, code).
for name, kind, text in [("number", 0, "0.5"), ("fraction", 0, " 1/3 "), ("exponent", 0, "-1e-3"),
                         ("integer", 1, "203,530"), ("torch-tensor", 2, "tensor([[0., 2.],\n        [1., 3.]])"),
                         ("numpy-array", 2, "array([[0., 2.]], dtype=float32)"), ("numpy-print", 2, "[[0. 2.]\n [1. 3.]]"),
                         ("nested-list", 2, "[[1, 2], [3, 4.5e-1]]"), ("torch-size", 3, "torch.Size([784, 256])"),
                         ("shape-x", 3, "784x256"), ("shape-tuple", 3, "(10,)"), ("choice", 4, "b"),
                         ("reflection", 5, "ReLU keeps positive values; 负数变成零。")]:
    put("answer", name, bytes([kind]) + text.encode())

# Checkpoint fences: every one of both languages' lessons.
import re
for lang in ("en", "zh"):
    for lesson in sorted(os.listdir(os.path.join("lessons", lang))):
        with open(os.path.join("lessons", lang, lesson), encoding="utf-8") as f:
            fences = re.findall(r"^```checkpoint ([\w-]+)\n(.*?)^```", f.read(), re.S | re.M)
        for cid, yaml in fences[:2]:
            put("checkpoint-spec", lang + "-" + cid + ".yaml", yaml.encode())

# .npy (format 1 and 2), as np.save writes them.
def npy(descr, shape, payload, version=1):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape)
    pre = 10 if version == 1 else 12
    header += " " * ((64 - (pre + len(header) + 1) % 64) % 64) + "\n"
    size = struct.pack("<H", len(header)) if version == 1 else struct.pack("<I", len(header))
    return b"\x93NUMPY" + bytes([version, 0]) + size + header.encode() + payload
put("npy", "f4-2x2.npy", npy("<f4", "(2, 2)", struct.pack("<4f", 0, 2, 3, 0.5)))
put("npy", "f8-3.npy", npy("<f8", "(3,)", struct.pack("<3d", 1 / 3, -1, 1e30), version=2))
put("npy", "i8-scalar.npy", npy("<i8", "()", struct.pack("<q", -7)))
put("npy", "u1-big-endian-f4.npy", npy(">f4", "(1, 1, 2)", struct.pack(">2f", 1.5, -2)))

# progress.json: a learner part-way through, and one cut short.
progress = ('{"schema": 1, "learner": "ada", "course": "mlp", "language": "en", '
            '"position": {"lesson": "03-relu", "step": 2}, "updated": "2026-01-02T03:04:05Z", '
            '"checkpoints": {"relu-by-hand": {"lesson": "03-relu", "status": "done", "hintsUsed": 1, '
            '"solutionViewed": false, "firstSeen": "2026-01-02T03:00:00Z", "attempts": ['
            '{"answer": "[0, 2]", "outcome": "wrong", "time": "2026-01-02T03:01:00Z"}, '
            '{"answer": "[0., 2.]", "outcome": "correct", "summary": "within 1e-6", "time": "2026-01-02T03:02:00Z"}]}, '
            '"pick-relu": {"lesson": "03-relu", "status": "skipped", "hintsUsed": 0, "solutionViewed": true, "attempts": []}}}')
put("progress", "part-way.json", progress.encode())
put("progress", "cut-short.json", progress[:200].encode())
put("progress", "newer.json", b'{"schema": 7, "learner": "ada", "checkpoints": {}}')
