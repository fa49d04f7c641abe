"""Glyphs with a meaning: the one home of the characters that start a list item (bullets) and of
those that can be a status icon when typed in a colour (icon glyphs).

Both layers read them: the normaliser splits statements at bullets (`lnhs_parse.normalise.text`)
and finds typed icons in a table drawn without lines (`normalise.slides`); the extractors take
coloured icon glyphs out of the text and the PDF extractor separates a formatting bullet from the
text it stands in front of (a bullet drawn at a hanging indent has no space character after it).
Symbol-font characters are translated to these meanings by `lnhs_parse.extract.symbols` before
anything reads them. A glyph in both sets (``●``, ``▪``, ``✓``) is an icon only where it stands
alone in a status colour, never in front of text.
"""

from __future__ import annotations

__all__ = ["BULLETS", "BULLET_DASHES", "BULLET_GLYPHS", "ICON_GLYPHS"]

# Bullet glyphs that start an item even when glued to the word ("•Koulutukset").
BULLET_GLYPHS: frozenset[str] = frozenset("•‣◦▪▫●○■□►▸➢➤✓✔∙·*❖◆◇♦➔⇨→☑☒✗")
# Dashes that start an item only when followed by whitespace: "-toiminta" and "-23/-24" are text.
BULLET_DASHES: frozenset[str] = frozenset("-–—")
BULLETS: frozenset[str] = BULLET_GLYPHS | BULLET_DASHES

# Glyphs that are a status icon when typed in a status colour, alone (shapes, dots, marks).
ICON_GLYPHS: frozenset[str] = frozenset(
    "●⬤◉◍○◯◎■□▪▫◼◻◾◽▲△▴▶►◆◇♦★☆✓✔✗✘☑☒⚫⚪⬛⬜🔴🟠🟡🟢🔵🟣🟤⭐"
)
