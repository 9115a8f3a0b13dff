#!/usr/bin/env python3
"""Golden stems for the Swift ports of the Snowball stemmers.

Words: the most frequent Russian and English words (wordfreq) plus every word of the school's
knowledge base; stems from the reference implementation (snowballstemmer 3.1.1, generated from the
same .sbl files the ports follow). Regenerate: pip install snowballstemmer==3.1.1 wordfreq; run this.
"""
import glob, os, re
import snowballstemmer
from wordfreq import top_n_list

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, '..', '..', '..')
kb = ' '.join(open(p, encoding='utf-8').read() for p in glob.glob(os.path.join(root, 'data', 'knowledge-base', '*.md')))
kb_words = set(re.findall(r"[a-zа-яё]+", kb.lower()))

for lang, letters, count in [('russian', 'ru', 8000), ('english', 'en', 6000)]:
    pattern = re.compile(r'^[а-яё]+$' if letters == 'ru' else r"^[a-z]+$")
    words = [w for w in top_n_list(letters, count * 2) if pattern.match(w)][:count]
    words = sorted(set(words) | {w for w in kb_words if pattern.match(w)})
    stemmer = snowballstemmer.stemmer(lang)
    with open(os.path.join(here, lang + '.tsv'), 'w', encoding='utf-8') as f:
        for w in words:
            f.write(f'{w}\t{stemmer.stemWord(w)}\n')
