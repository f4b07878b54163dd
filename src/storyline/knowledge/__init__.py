"""What the stages look up: countries, the gazetteer, the actor dictionary, sectors, the speech
verbs, the CAMEO codebook and event lexicon, and the data files they are read from."""
