#!/usr/bin/env python3
"""Train the hand-print recogniser for single letter boxes and export it as ONNX.

Input: folders written by `is03 glyphs` (glyphs.u8 + labels.csv), i.e. boxes already normalised
by the run-time Swift BoxCropNormalizer, so training and run time see identical inputs.
Output: an ONNX model OpenCV 4.6's dnn importer reads (Conv, Relu, MaxPool, Flatten, Gemm only;
it returns logits) and a JSON sidecar with the class list, the softmax temperature and the accept
threshold, both fitted on the calibration part of the real letters (`--calibration`), plus the
licence the real letters impose (CC BY-SA 4.0, QazaqMNIST and CoMNIST credited).

Data: synthetic boxes (`is03 glyphs`) and real letters of the "train" part rendered into boxes
(`is03 glyphs --real-letters ... --part train`). The calibration boxes are never trained on; the
test part is never touched here (training/real_letters.py). Synthetic boxes of held-out writers
(writer % 10 == 0) are reported too, so the synthetic figures cannot collapse unnoticed.
Training uses JAX and SciPy on CPU (PyPI wheels, no GPU needed); run time needs none of
this. The exact commands are in training/README.md.
"""
import argparse
import csv
import json
import os
import time

import numpy as np


def load(folder, side):
    with open(os.path.join(folder, "labels.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    raw = np.fromfile(os.path.join(folder, "glyphs.u8"), dtype=np.uint8)
    images = raw.reshape(len(rows), 1, side, side).astype(np.float32) / 255.0
    labels = np.array([int(r["class"]) for r in rows], dtype=np.int32)
    writers = np.array([int(r["writer"]) for r in rows], dtype=np.int32)
    blank = np.array([r["blank"] == "1" for r in rows])
    keep = (labels >= 0) & ~blank   # the CNN only reads boxes the normaliser calls written
    return images[keep], labels[keep], writers[keep]


# ---------------------------------------------------------------- model (JAX)

def init_params(key, classes, widths=(32, 64, 96), hidden=192, side=32):
    import jax
    keys = jax.random.split(key, 5)

    def he(k, shape, fan_in):
        return jax.random.normal(k, shape) * np.sqrt(2.0 / fan_in)

    c1, c2, c3 = widths
    flat = c3 * (side // 8) * (side // 8)
    return {
        "c1w": he(keys[0], (c1, 1, 3, 3), 9), "c1b": np.zeros(c1, np.float32),
        "c2w": he(keys[1], (c2, c1, 3, 3), 9 * c1), "c2b": np.zeros(c2, np.float32),
        "c3w": he(keys[2], (c3, c2, 3, 3), 9 * c2), "c3b": np.zeros(c3, np.float32),
        "f1w": he(keys[3], (hidden, flat), flat), "f1b": np.zeros(hidden, np.float32),
        "f2w": he(keys[4], (classes, hidden), hidden) * 0.5, "f2b": np.zeros(classes, np.float32),
    }


def forward(params, x, dropout_key=None, rate=0.3):
    import jax
    import jax.numpy as jnp

    def conv(x, w, b):
        y = jax.lax.conv_general_dilated(x, w, (1, 1), ((1, 1), (1, 1)),
                                         dimension_numbers=("NCHW", "OIHW", "NCHW"))
        return jax.nn.relu(y + b[None, :, None, None])

    def pool(x):
        return jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID")

    x = pool(conv(x, params["c1w"], params["c1b"]))
    x = pool(conv(x, params["c2w"], params["c2b"]))
    x = pool(conv(x, params["c3w"], params["c3b"]))
    x = x.reshape(x.shape[0], -1)                      # NCHW flatten, as ONNX Flatten(axis=1)
    x = jax.nn.relu(x @ params["f1w"].T + params["f1b"])
    if dropout_key is not None:
        keep = jax.random.bernoulli(dropout_key, 1 - rate, x.shape)
        x = jnp.where(keep, x / (1 - rate), 0)
    return x @ params["f2w"].T + params["f2b"]


# ---------------------------------------------------------------- augmentation (numpy)

def augment(batch, rng):
    """Cheap on-line variety on top of what the renderer already varies: in half the boxes a
    small scale change (±12 %), rotation (±6°) and shear (±0.12) about the centre (the
    normaliser centres and sizes letters, but not perfectly), then shifts of up to 2 px and
    random stroke thickening/thinning (3×3 max/min filter)."""
    from scipy.ndimage import affine_transform
    out = np.empty_like(batch)
    side = batch.shape[-1]
    centre = np.array([(side - 1) / 2, (side - 1) / 2])
    for i, image in enumerate(batch):
        img = image[0]
        if rng.random() < 0.5:
            scale = rng.uniform(0.88, 1.12)
            angle = np.deg2rad(rng.uniform(-6, 6))
            shear = rng.uniform(-0.12, 0.12)
            c, s = np.cos(angle), np.sin(angle)
            # Output (row, col) -> input (row, col): inverse of scale · rotation · shear.
            forward_m = scale * np.array([[c, -s], [s, c]]) @ np.array([[1, 0], [shear, 1]])
            inverse = np.linalg.inv(forward_m)
            img = affine_transform(img, inverse, offset=centre - inverse @ centre, order=1, mode="constant", cval=0.0)
        choice = rng.random()
        if choice < 0.15:     # thicken
            p = np.pad(img, 1)
            img = np.max([p[dy:dy + side, dx:dx + side] for dy in range(3) for dx in range(3)], axis=0)
        elif choice < 0.25:   # thin (a soft erosion: keeps strokes one pixel wide alive)
            p = np.pad(img, 1)
            eroded = np.min([p[dy:dy + side, dx:dx + side] for dy in (0, 1, 2) for dx in (1,)] +
                            [p[1:side + 1, 0:side], p[1:side + 1, 2:side + 2]], axis=0)
            img = 0.5 * img + 0.5 * eroded
        dy, dx = rng.integers(-2, 3, size=2)
        out[i, 0] = np.roll(np.roll(img, dy, axis=0), dx, axis=1)
    return out


# ---------------------------------------------------------------- ONNX export

def export_onnx(params, path, classes, side):
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    p = {k: np.asarray(v, dtype=np.float32) for k, v in params.items()}
    inits = [numpy_helper.from_array(v, name=k) for k, v in p.items()]
    nodes = []
    x = "input"
    for i in (1, 2, 3):
        nodes += [
            helper.make_node("Conv", [x, f"c{i}w", f"c{i}b"], [f"conv{i}"], kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
            helper.make_node("Relu", [f"conv{i}"], [f"relu{i}"]),
            helper.make_node("MaxPool", [f"relu{i}"], [f"pool{i}"], kernel_shape=[2, 2], strides=[2, 2]),
        ]
        x = f"pool{i}"
    nodes += [
        helper.make_node("Flatten", [x], ["flat"], axis=1),
        helper.make_node("Gemm", ["flat", "f1w", "f1b"], ["fc1"], transB=1),
        helper.make_node("Relu", ["fc1"], ["hidden"]),
        helper.make_node("Gemm", ["hidden", "f2w", "f2b"], ["logits"], transB=1),
    ]
    graph = helper.make_graph(
        nodes, "handprint",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 1, side, side])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, classes])],
        initializer=inits)
    model = helper.make_model(graph, producer_name="is03-train_handprint",
                              opset_imports=[helper.make_opsetid("", 11)])
    model.ir_version = 6   # OpenCV 4.6 reads IR 6 / opset 11 models
    onnx.checker.check_model(model)
    onnx.save(model, path)


def fit_temperature(logits, labels):
    """Softmax temperature minimising the negative log-likelihood on held-out writers."""
    best = (1.0, float("inf"))
    for t in np.linspace(0.5, 4.0, 71):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = -logp[np.arange(len(labels)), labels].mean()
        if nll < best[1]:
            best = (float(t), float(nll))
    return best[0]


LICENCE = ("CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/): trained on real handwritten "
           "letters of QazaqMNIST (github.com/Aroaky/QMNIST), which took them from CoMNIST "
           "(github.com/GregVial/CoMNIST); see Models/LICENSE-handprint.txt")


def calibrate(logits, labels, target=0.995, certainty=0.95):
    """Temperature (NLL-optimal) and the lowest confidence above which the accepted calibration
    boxes' error rate is at most 1 - `target` with `certainty` (Clopper-Pearson upper bound):
    the point where the sample's precision only just reaches the target fails on new letters."""
    from scipy.stats import beta
    temperature = fit_temperature(logits, labels)
    z = logits / temperature
    prob = np.exp(z - z.max(1, keepdims=True))
    prob /= prob.sum(1, keepdims=True)
    conf = prob.max(1)
    right = prob.argmax(1) == labels
    order = np.argsort(-conf)
    accepted = np.arange(1, len(order) + 1)
    wrong = np.cumsum(~right[order])
    upper = beta.ppf(certainty, wrong + 1, accepted - wrong)
    ok = np.where(upper <= 1 - target)[0]
    threshold = float(conf[order][ok[-1]]) if len(ok) else 1.0
    return temperature, threshold, prob, conf, right


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, nargs="+", help="folders written by `is03 glyphs` to train on")
    parser.add_argument("--synthetic", nargs="*", default=[],
                        help="those of --data that are synthetic: their held-out writers are kept for a report")
    parser.add_argument("--calibration", required=True, help="real calibration-part boxes (`--part calibration`)")
    parser.add_argument("--out", required=True, help="folder for handprint.onnx and handprint.json")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--side", type=int, default=32)
    args = parser.parse_args()

    os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")
    import jax
    import jax.numpy as jnp

    classes = list("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ-")  # = HandprintClasses.characters in Swift
    synthetic = {os.path.normpath(d) for d in args.synthetic}
    xs, ys, xsv, ysv = [], [], [], []
    for folder in args.data:
        x, y, w = load(folder, args.side)
        held = (w % 10 == 0) if os.path.normpath(folder) in synthetic else np.zeros(len(x), bool)
        xs.append(x[~held]); ys.append(y[~held]); xsv.append(x[held]); ysv.append(y[held])
    xtr, ytr = np.concatenate(xs), np.concatenate(ys)
    xsyn, ysyn = np.concatenate(xsv), np.concatenate(ysv)
    xcal, ycal, _ = load(args.calibration, args.side)
    print(f"train {len(xtr)} boxes; calibration {len(xcal)} real boxes; {len(xsyn)} synthetic boxes of held-out writers")

    rng = np.random.default_rng(args.seed)
    key = jax.random.PRNGKey(args.seed)
    params = init_params(key, len(classes), side=args.side)
    params = {k: jnp.asarray(v) for k, v in params.items()}
    moments = {k: (jnp.zeros_like(v), jnp.zeros_like(v)) for k, v in params.items()}

    def loss_fn(params, x, y, dkey):
        logits = forward(params, x, dkey)
        logp = jax.nn.log_softmax(logits)
        # Light label smoothing keeps the model from being sure of everything.
        smooth = 0.05
        target = jax.nn.one_hot(y, len(classes)) * (1 - smooth) + smooth / len(classes)
        return -(target * logp).sum(axis=1).mean()

    @jax.jit
    def step(params, moments, x, y, dkey, lr, t):
        loss, grads = jax.value_and_grad(loss_fn)(params, x, y, dkey)
        new_params, new_moments = {}, {}
        for k in params:
            m, v = moments[k]
            g = grads[k] + 1e-4 * params[k]   # weight decay
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            mhat = m / (1 - 0.9 ** t)
            vhat = v / (1 - 0.999 ** t)
            new_params[k] = params[k] - lr * mhat / (jnp.sqrt(vhat) + 1e-8)
            new_moments[k] = (m, v)
        return new_params, new_moments, loss

    predict = jax.jit(lambda p, x: forward(p, x))

    def evaluate(params, x):
        if len(x) == 0:
            return np.zeros((0, len(classes)), np.float32)
        return np.concatenate([np.asarray(predict(params, x[i:i + 1024])) for i in range(0, len(x), 1024)])

    steps_per_epoch = len(xtr) // args.batch
    total = steps_per_epoch * args.epochs
    t = 0
    started = time.time()
    for epoch in range(args.epochs):
        order = rng.permutation(len(xtr))
        losses = []
        for b in range(steps_per_epoch):
            idx = order[b * args.batch:(b + 1) * args.batch]
            x = augment(xtr[idx], rng)
            t += 1
            lr = args.lr * 0.5 * (1 + np.cos(np.pi * t / total))   # cosine decay
            key, dkey = jax.random.split(key)
            params, moments, loss = step(params, moments, jnp.asarray(x), jnp.asarray(ytr[idx]), dkey, lr, t)
            losses.append(float(loss))
        cal_acc = (evaluate(params, xcal).argmax(1) == ycal).mean()
        syn_acc = (evaluate(params, xsyn).argmax(1) == ysyn).mean() if len(xsyn) else float("nan")
        print(f"epoch {epoch + 1}/{args.epochs}: loss {np.mean(losses):.4f}, real calibration {cal_acc * 100:.2f}%, "
              f"synthetic held-out writers {syn_acc * 100:.2f}% ({time.time() - started:.0f} s)", flush=True)

    cal = evaluate(params, xcal)
    temperature, threshold, prob, conf, right = calibrate(cal, ycal)
    print(f"temperature {temperature:.2f}; real calibration accuracy {right.mean() * 100:.2f}%; "
          f"confidence ≥ {threshold:.4f} accepts {(conf >= threshold).mean() * 100:.1f}% at "
          f"{right[conf >= threshold].mean() * 100:.2f}% right")
    for th in (0.95, 0.97, 0.98, 0.99):   # the curve around the threshold, for the README
        a = conf >= th
        print(f"  ≥ {th}: accepts {a.mean() * 100:.1f}% at {right[a].mean() * 100:.2f}% ({int((~right[a]).sum())} wrong)")
    if len(xsyn):
        z = evaluate(params, xsyn) / temperature
        sp = np.exp(z - z.max(1, keepdims=True)); sp /= sp.sum(1, keepdims=True)
        sright = sp.argmax(1) == ysyn
        sacc = sp.max(1) >= threshold
        print(f"synthetic held-out writers: {sright.mean() * 100:.2f}% right; accepted {sacc.mean() * 100:.1f}% at "
              f"{sright[sacc].mean() * 100:.2f}% right")
    confusions = {}
    for p_, y_ in zip(prob.argmax(1)[~right], ycal[~right]):
        pair = classes[y_] + "→" + classes[p_]
        confusions[pair] = confusions.get(pair, 0) + 1
    print("top confusions (calibration):", sorted(confusions.items(), key=lambda kv: -kv[1])[:15])

    os.makedirs(args.out, exist_ok=True)
    export_onnx(params, os.path.join(args.out, "handprint.onnx"), len(classes), args.side)
    meta = {
        "classes": "".join(classes), "side": args.side, "temperature": round(temperature, 4),
        "calibrationAccuracy": round(float(right.mean()), 4), "acceptThreshold": round(threshold, 4),
        "trainBoxes": int(len(xtr)), "calibrationBoxes": int(len(xcal)), "seed": args.seed, "epochs": args.epochs,
        "licence": LICENCE,
    }
    with open(os.path.join(args.out, "handprint.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False, indent=2)
    print(f"wrote {args.out}/handprint.onnx ({os.path.getsize(os.path.join(args.out, 'handprint.onnx')) // 1024} KB) "
          f"in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
