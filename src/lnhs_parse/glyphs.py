"""Bullet glyphs: the one home of the characters that start a list item.

Both layers read them: the normaliser splits statements at them (`lnhs_parse.normalise.text`), the
PDF extractor separates a formatting bullet from the text it stands in front of (a bullet drawn at a
hanging indent has no space character after it). Symbol-font bullets are translated to these
meanings by `lnhs_parse.extract.symbols` before anything reads them.
"""

from __future__ import annotations

__all__ = ["BULLET_DASHES", "BULLET_GLYPHS", "BULLETS"]

# Bullet glyphs that start an item even when glued to the word ("•Koulutukset").
BULLET_GLYPHS: frozenset[str] = frozenset("•‣◦▪▫●○■□►▸➢➤✓✔∙·*❖◆◇♦➔⇨→☑☒✗")
# Dashes that start an item only when followed by whitespace: "-toiminta" and "-23/-24" are text.
BULLET_DASHES: frozenset[str] = frozenset("-–—")
BULLETS: frozenset[str] = BULLET_GLYPHS | BULLET_DASHES
