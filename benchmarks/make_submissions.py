#!/usr/bin/env python3
"""Writes N answers files (one per learner) answering every checkpoint of a course.

    make_submissions.py LESSONS_DIR OUT_DIR [--count 500] [--seed 0]

Answers are a mix a class would send: the right letter of a keyed choice most of the time,
numbers and tensors that are wrong (their shapes right or not), malformed text now and then,
reflections as text. Code checkpoints are left out (each needs a learner's Swift workspace:
see docs/grading-a-class.md). Deterministic for a seed.
"""
import argparse, json, os, random, re, sys

def checkpoints(lessons):
    lang = "en" if os.path.isdir(os.path.join(lessons, "en")) else sorted(os.listdir(lessons))[0]
    folder = os.path.join(lessons, lang)
    for name in sorted(os.listdir(folder)):
        if not re.match(r"\d+-.*\.md$", name):
            continue
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        for m in re.finditer(r"^```checkpoint ([\w-]+)\n(.*?)^```", text, re.S | re.M):
            body = m.group(2)
            expect = re.search(r"^expect: *(\w+)", body, re.M).group(1)
            answer = re.search(r"^answer: *(\w)", body, re.M)
            choices = len(re.findall(r"^  - ", body.split("choices:", 1)[1].split("\n\n")[0], re.M)) if "choices:" in body else 0
            yield m.group(1), expect, answer.group(1) if answer else None, choices

def answer(rng, expect, key, choices):
    if rng.random() < 0.05:
        return "[[0, 1,, 2]]"                                    # malformed
    if expect == "choice":
        if key and rng.random() < 0.7:
            return key
        return "abcd"[rng.randrange(max(2, min(choices, 4)))]
    if expect in ("number", "integer"):
        return round(rng.uniform(0, 1), 4) if expect == "number" else rng.randrange(1000)
    if expect == "shape":
        return "(%d, %d)" % (rng.choice([784, 256, 10]), rng.choice([256, 10, 784]))
    if expect == "tensor":
        rows, cols = rng.choice([1, 2, 8]), rng.choice([2, 3, 10])
        return json.dumps([[round(rng.gauss(0, 1), 3) for _ in range(cols)] for _ in range(rows)])
    return "Stacked linear layers are one linear map."          # reflection

def main():
    p = argparse.ArgumentParser()
    p.add_argument("lessons")
    p.add_argument("out")
    p.add_argument("--count", type=int, default=500)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    rng = random.Random(a.seed)
    specs = [c for c in checkpoints(a.lessons) if c[1] != "code"]
    os.makedirs(a.out, exist_ok=True)
    for n in range(a.count):
        answers = {cid: answer(rng, expect, key, choices) for cid, expect, key, choices in specs}
        with open(os.path.join(a.out, "learner%03d.json" % n), "w") as f:
            json.dump({"learner": "learner%03d" % n, "answers": answers}, f)
    print("%d submissions, %d checkpoints each (code checkpoints left out) → %s" % (a.count, len(specs), a.out), file=sys.stderr)

main()
