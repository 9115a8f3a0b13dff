#!/usr/bin/env python3
"""Fits the assistant's answer confidence (ArticleRanking.confidence) on the tuning sets.

    for s in questions holdout tuning-situations; do
        curator assistant features --questions Tests/Fixtures/assistant/$s.tsv > /tmp/$s.jsonl
    done
    python3 Tools/fit-assistant-confidence.py /tmp/questions.jsonl /tmp/holdout.jsonl /tmp/tuning-situations.jsonl

Prints the logistic model's coefficients (raw feature scale, as ArticleRanking uses them) and,
for a few answer thresholds, what the whole decision gives on the tuning sets. Never pass the
held-out sets (heldout-situations, handoff): they measure, they do not tune.
"""
import json, math, sys
import numpy as np

WORD_WEIGHT = 0.07          # ArticleRanking.wordWeight
NEAR_AT, CLEAR_BY = 0.88, 0.02   # HandoffClassifier
CLARIFY_AT, ESCALATE_AT = 0.3, 0.5


def ranking(q):
    top = q['lex'][0][1] if q['lex'] else 1
    sim = {a: s for a, s in q['dense']}
    floor = min(sim.values())
    words = {x[0]: x for x in q['lex']}
    score = {a: sim.get(a, floor) + WORD_WEIGHT * (words[a][1] / top if a in words else 0) for a in set(sim) | set(words)}
    order = sorted(score, key=lambda a: (-score[a], a))
    return order, score, sim, words, floor


def features(q):
    order, score, sim, words, floor = ranking(q)
    a = order[0]
    lead = score[a] - score[order[1]] if len(order) > 1 else score[a]
    unanimous = bool(q['lex']) and q['lex'][0][0] == a and q['dense'][0][0] == a
    w = words.get(a)
    return [sim.get(a, floor), lead, w[2] if w else 0, float(unanimous), min(w[3] if w else 0, 10) / 10]


def fit(X, y, l2=0.01, steps=3000, rate=0.5):
    X, y = np.array(X), np.array(y)
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = (X - mu) / sd
    w, b = np.zeros(Z.shape[1]), 0.0
    for _ in range(steps):
        g = 1 / (1 + np.exp(-(Z @ w + b))) - y
        w -= rate * (Z.T @ g / len(y) + l2 * w)
        b -= rate * g.mean()
    return w / sd, b - (w * mu / sd).sum()


def handed_off(q):
    near = q['ex']
    person = next((s for r, s in near if r != 'none'), 0)
    none = next((s for r, s in near if r == 'none'), -1)
    return bool(q['trigger']) or (person >= NEAR_AT and person - none >= CLEAR_BY)


def decide(q, w, b, answer_at):
    if handed_off(q):
        return 'handoff', None
    if q['thanks']:
        return 'answer', 'thanks'
    order = ranking(q)[0]
    p = 1 / (1 + math.exp(-(np.dot(w, features(q)) + b)))
    if order[0] in q['escalate'] and p >= ESCALATE_AT:
        return 'handoff', None
    if p < CLARIFY_AT:
        return 'handoff', None
    if p >= answer_at:
        return 'answer', order[0]
    return ('handoff', None) if any(a in q['escalate'] for a in order[:2]) else ('clarify', None)


def main(paths):
    rows = [json.loads(line) for p in paths for line in open(p)]
    train = [q for q in rows if q['kind'] != 'handoff' and not q['trigger'] and not q['thanks']]
    y = [1 if q['kind'] == 'answer' and ranking(q)[0][0] in q['ids'] else 0 for q in train]
    w, b = fit([features(q) for q in train], y)
    print('intercept %.3f, similarity %.3f, lead %.3f, coverage %.3f, unanimous %.3f, matched %.3f' % (b, *w))
    for answer_at in (0.7, 0.8, 0.85, 0.9):
        n = {'answerable': 0, 'right': 0, 'answered': 0, 'handoff': 0, 'handed': 0, 'out': 0, 'refused': 0}
        for q in rows:
            action, article = decide(q, w, b, answer_at)
            n['answered'] += action == 'answer'
            if q['kind'] == 'answer':
                n['answerable'] += 1
                n['right'] += action == 'answer' and article in q['ids']
            elif q['kind'] == 'handoff':
                n['handoff'] += 1
                n['handed'] += action == 'handoff'
            else:
                n['out'] += 1
                n['refused'] += action != 'answer'
        print('answer at %.2f: resolution %.3f, precision %.3f, hand-off recall %.3f, out-of-scope refusal %.3f' % (
            answer_at, n['right'] / n['answerable'], n['right'] / max(1, n['answered']), n['handed'] / max(1, n['handoff']),
            n['refused'] / max(1, n['out'])))


if __name__ == '__main__':
    main(sys.argv[1:])
