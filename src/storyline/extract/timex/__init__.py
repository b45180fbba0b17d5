"""The rule tables behind ``time.rules.v1`` (see ``storyline.extract.time``)."""
