"""Relations between international actors: who does what to whom, coded with PLOVER and CAMEO.

* :mod:`.lexicon` reads the trigger lexicon and the actor words (data files);
* :mod:`.actors` resolves the tokens of a parsed sentence to states and organisations;
* :mod:`.arguments` finds a trigger's actor and target in the parse;
* the ``sourcier_relations`` component (:mod:`sourcier.analyse.components.relations`)
  runs them over the shared ``Doc``. See docs/relations.md.
"""
