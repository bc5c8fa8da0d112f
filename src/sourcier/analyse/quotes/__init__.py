"""Quote extraction and speaker attribution, read from the shared parsed ``Doc``.

The component (:mod:`sourcier.analyse.components.quotes`) runs these steps:

1. :mod:`.marks` pairs the quotation marks of each paragraph (« », “ ”, " ", ‹ ›);
2. :mod:`.cues` finds the cues: reporting verbs (a lexicon of lemmas,
   ``data/reporting_verbs.json``) and attribution phrases ("selon X",
   ``data/attribution_cues.json``), each with the mention of its speaker;
3. :mod:`.direct` turns quotations into direct quotes, attached to a cue before
   or after them, or floating after the previous speaker's words;
4. :mod:`.indirect` reads the complement clauses of the cues (indirect quotes,
   or mixed ones when they hold a quotation);
5. :mod:`.layout` adds the quotes the page layout marks: embedded posts, block
   quotations after "X écrit :", headlines signed with a dash;
6. :mod:`.speakers` resolves each speaker mention to an entity of the article
   (names, pronouns, titles and descriptions) or keeps the description as written,
   with the help of :mod:`.mentions`, :mod:`.cue_subjects`, :mod:`.pronouns`,
   :mod:`.entities`, :mod:`.descriptions`, :mod:`.documents` and :mod:`.referents`.
"""
