"""Layout -> Plan: the pipeline in one readable function, `normalise`.

    slides   roles of the slides (title, highlights, legend, goal tables, other); goal-table slides
             read into grids, columns and rows
    legend   icon signatures -> statuses, from the deck's own legend (or by colour, with a warning)
    meta     plan title, year, region, focus period: from the slides' text, never the file name
    goals    goal tables joined over slides, rows into sub-goals, cells into statements
    plan     + the actors referenced, the source, and every warning met on the way

Nothing here imports pdfplumber or python-pptx: the input is a `lnhs_parse.layout.Document`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lnhs_parse.errors import NotAnEvaluationDeckError
from lnhs_parse.layout import BBox, Document, Line, Page, bbox_union
from lnhs_parse.model import Goal, Highlight, Plan, Source, Statement, Status, SubGoal, Warning
from lnhs_parse.normalise.actors import ActorRegistry
from lnhs_parse.normalise.columns import ColumnMap
from lnhs_parse.normalise.content import content_lines
from lnhs_parse.normalise.legend import Legend, block_text, default_legend, find_legend, text_blocks
from lnhs_parse.normalise.profile import Profile, load_profiles
from lnhs_parse.normalise.roles import SlideRole, is_highlights_heading, slide_role
from lnhs_parse.normalise.rows import RowPart
from lnhs_parse.normalise.slides import (
    GoalSlide,
    GoalTable,
    group_rows,
    join_goal_slides,
    read_goal_slide,
    strip_continuation,
)
from lnhs_parse.normalise.text import (
    HEADER_VOCABULARY,
    NO_EVIDENCE,
    TextEvidence,
    cell_statements,
    cell_text,
    deck_vocabulary,
    paragraphs,
    text_evidence,
)
from lnhs_parse.normalise.vocab import find_region, header_vocabulary, region_forms, use_profile
from lnhs_parse.normalise.warn import from_layout, warning
from lnhs_parse.settings import LegendSettings, ParseOptions, SlideSettings
from lnhs_parse.utils.numerals import numeral_value

__all__ = ["normalise", "suggest_profile"]


def normalise(document: Document, options: ParseOptions | None = None) -> Plan:
    """Read a plan out of a deck's layout (`options.slides` and `options.legend` tune how; the
    profiles of `options.profile` extend the packaged vocabulary)."""
    options = options or ParseOptions()
    profile = load_profiles(options.profile)
    with use_profile(profile):
        return _normalise(document, options, profile)


def _normalise(document: Document, options: ParseOptions, profile: Profile) -> Plan:
    slides = options.slides
    registry = ActorRegistry.load(options.actors, profile)
    vocabulary = (
        deck_vocabulary(_all_texts(document))
        | HEADER_VOCABULARY
        | deck_vocabulary(profile.phrases)
    )
    evidence = text_evidence(document.pages, _names(registry))
    warnings = [from_layout(w) for w in document.warnings]

    # slides
    roles = {page.number: slide_role(page, slides) for page in document.pages}
    goal_slides = _read_goal_slides(document.pages, roles, warnings, slides)
    if not any(slide.rows for slide in goal_slides):
        raise NotAnEvaluationDeckError(_nothing_found(document, roles, slides), path=document.path)
    other_pages = [p for p in document.pages if roles[p.number] != "goal_table"]

    # legend
    legend = find_legend(other_pages, vocabulary, options.legend, slides)
    if legend is None:
        legend = default_legend()
        warnings.append(
            warning(
                code="no-legend",
                message="no status legend found; icon colours mapped by default "
                "(red/orange: started, yellow: in_progress, green: in_use)",
            )
        )

    # title, year, region, focus period
    title, year_on_title = _read_title(other_pages, roles, vocabulary, slides)
    section = _read_section_title(other_pages, vocabulary, slides, options.legend)
    year = year_on_title or _section_year(section)
    if year is None:
        warnings.append(warning(code="no-year", message="no evaluation year found on the slides"))
    if not title:
        warnings.append(
            warning(code="no-title", message="no title slide with the plan's name found")
        )
    highlights = [
        h
        for p in other_pages
        if roles[p.number] == "highlights"
        for h in _read_highlights(p, vocabulary, slides)
    ]

    # goals
    goals: list[Goal] = []
    for number, table in enumerate(join_goal_slides(goal_slides), start=1):
        goals.append(_build_goal(table, number, legend, registry, vocabulary, evidence, warnings))

    focus_period = _section_period(section) or next(
        (s.columns.period for s in goal_slides if s.columns and s.columns.period), None
    )
    region = find_region(title, section, *(s.heading_title for s in goal_slides))
    actor_ids = sorted(
        {
            a
            for g in goals
            for sg in g.sub_goals
            for st in (*sg.focus_areas, *sg.joint_highlights)
            for a in st.actors
        }
    )
    return Plan(
        source=Source(
            path=document.path,
            format=document.format,
            sha256=document.sha256,
            pages=document.page_count,
            engine=document.engine,
        ),
        region=region,
        title=title,
        year=year or 0,
        focus_period=focus_period,
        highlights=highlights,
        status_legend=list(legend.entries),
        goals=goals,
        actors=[registry.actor_model(a) for a in actor_ids],
        warnings=warnings,
    )


# --------------------------------------------------------------------------------------------------
# Steps


def _all_texts(document: Document) -> Iterator[str]:
    for page in document.pages:
        for line in page.lines:
            yield line.text
        for table in page.tables:
            for cell in table.cells:
                for line in cell.lines:
                    yield line.text


def _names(registry: ActorRegistry) -> Iterator[str]:
    """Proper names known before reading the deck: actors' names and aliases, region names."""
    for actor in registry:
        yield actor.name
        yield from actor.aliases
    yield from region_forms()


def _read_goal_slides(
    pages: tuple[Page, ...],
    roles: dict[int, SlideRole],
    warnings: list[Warning],
    settings: SlideSettings,
) -> list[GoalSlide]:
    slides: list[GoalSlide] = []
    previous: ColumnMap | None = None
    for page in pages:
        if roles[page.number] != "goal_table":
            continue
        slide = read_goal_slide(page, previous, settings)
        if slide is None:
            continue
        warnings.extend(slide.warnings)
        # A slide without a header row takes its columns by position from the last slide that had
        # a header or found every column the slide before it had: a column left empty on a slide
        # gives no position to take.
        columns = slide.columns
        if columns is not None and (
            columns.from_header
            or previous is None
            or columns.columns.keys() >= previous.columns.keys()
        ):
            previous = columns
        slides.append(slide)
    return slides


def _nothing_found(
    document: Document, roles: dict[int, SlideRole], settings: SlideSettings
) -> str:
    counts: dict[str, int] = {}
    for role in roles.values():
        counts[role] = counts.get(role, 0) + 1
    found = ", ".join(
        f"{n} {role.replace('_', ' ')} slide(s)" for role, n in sorted(counts.items())
    )
    n_tables = sum(len(p.tables) for p in document.pages)
    what = (
        "goal headings ('PÄÄTAVOITE') but no goal table rows"
        if counts.get("goal_table")
        else "no goal tables (no 'PÄÄTAVOITE' slide with a table)"
    )
    if n_tables and not counts.get("goal_table"):
        from lnhs_parse.normalise.onboarding import unrecognised_hint

        hint = unrecognised_hint(document, settings)
        if hint:  # short, as messages are cut at 200 characters: the hint first
            return f"no goal slide among {n_tables} table(s); {hint}"
    return f"{what} in this deck; found {found or 'no slides'}, {n_tables} table(s)"


def _read_title(
    pages: list[Page],
    roles: dict[int, SlideRole],
    vocabulary: frozenset[str],
    settings: SlideSettings,
) -> tuple[str, int | None]:
    """The plan's name (the biggest text on the title slide) and the year of "Toteutumisen
    arviointi 2023"."""
    vocab = header_vocabulary()

    def page_text(page: Page) -> str:
        return " ".join(ln.text for ln in content_lines(page, settings))

    page = next((p for p in pages if roles[p.number] == "title"), None) or next(
        (p for p in pages if vocab.title.search(page_text(p))), None
    )
    if page is None:
        return "", None
    year = None
    rest: list[Line] = []
    for ln in content_lines(page, settings):
        m = vocab.title.search(" ".join(ln.text.split()))
        if m:
            year = int(m.group(1))
        else:
            rest.append(ln)
    if not rest:
        return "", year
    biggest = max((ln.size or 0.0) for ln in rest)
    name_lines = [ln for ln in rest if (ln.size or 0.0) >= biggest - 1.0]
    return _joined(name_lines, vocabulary), year


def _read_section_title(
    pages: list[Page],
    vocabulary: frozenset[str],
    settings: SlideSettings,
    legend_settings: LegendSettings,
) -> str | None:
    """The section title "... ARVIOINTI 2023 JA LISÄTYT PAINOPISTEET 2023/2024" (legend slide)."""
    vocab = header_vocabulary()
    found: list[str] = []
    for page in pages:
        for block in text_blocks(content_lines(page, settings), legend_settings):
            text = block_text(block, vocabulary)
            if vocab.section.search(text):
                found.append(text)
    # the one naming the added focus period, else any "... ARVIOINTI 2023 ..." but the title slide's
    return next((t for t in found if vocab.section_period.search(t)), None) or next(
        (t for t in found if not vocab.title.fullmatch(" ".join(t.split()))), None
    )


def _section_year(section: str | None) -> int | None:
    if not section:
        return None
    m = header_vocabulary().section.search(section)
    return int(m.group(1)) if m else None


def _section_period(section: str | None) -> str | None:
    if not section:
        return None
    m = header_vocabulary().section_period.search(section)
    return f"{m.group(1)}/{m.group(2)}" if m else None


def _read_highlights(
    page: Page, vocabulary: frozenset[str], settings: SlideSettings
) -> list[Highlight]:
    """The bullets under "Kiteytettyjä nostoja ja huomioita" (the slogan above it is no
    highlight)."""
    lines = content_lines(page, settings)
    start = next((i for i, ln in enumerate(lines) if is_highlights_heading(ln.text)), None)
    if start is None:
        return []
    heading = lines[start]
    body = [ln for ln in lines[start + 1 :] if ln.bbox[1] >= heading.bbox[3] - 1]
    if not body:
        return []
    items: list[str] = []
    for para in paragraphs(body, bbox_union([ln.bbox for ln in body])):
        text = para.text(vocabulary)
        starts_item = para.bullet is not None or (para.level == 0 and not text[:1].islower())
        if starts_item or not items:
            items.append(text)
        else:
            items[-1] = f"{items[-1]} {text}"
    return [Highlight(text=t, page=page.number) for t in items if t.strip()]


def _build_goal(
    table: GoalTable,
    number: int,
    legend: Legend,
    registry: ActorRegistry,
    vocabulary: frozenset[str],
    evidence: TextEvidence,
    warnings: list[Warning],
) -> Goal:
    rows = table.rows
    # each row's title read once: without its "(jatkuu)" mark, which says whether the row continues
    # the sub-goal above
    titles: list[str] = []
    continued: list[bool] = []
    for row in rows:
        joined = _joined(row.title_lines, vocabulary, row.title_bbox, evidence)
        text, cont = strip_continuation(joined)
        titles.append(text)
        continued.append(cont)
    title_of = {id(row): text for row, text in zip(rows, titles, strict=True)}
    sub_goals: list[SubGoal] = []
    for group in group_rows(rows, continued):
        head = group[0]
        sg_number = head.number if head.number is not None else len(sub_goals) + 1
        if head.number is None:
            warnings.append(
                warning(
                    code="no-sub-goal-number",
                    message=f"page {head.page}: a row of goal {table.numeral} has no sub-goal "
                    f"number; numbered {sg_number}",
                    page=head.page,
                )
            )
        statuses: list[Status] = []
        focus: list[Statement] = []
        joint: list[Statement] = []
        for part in group:
            found, icon_warnings = legend.statuses(part.icons, part.page)
            statuses += found
            warnings += icon_warnings
            focus += _statements(part, "focus_areas", registry, vocabulary, evidence, warnings)
            joint += _statements(part, "joint_highlights", registry, vocabulary, evidence, warnings)
        sub_goals.append(
            SubGoal(
                number=sg_number,
                # the head row's title; a continuation row's when the head's cell was empty
                title=next((title_of[id(p)] for p in group if title_of[id(p)]), ""),
                statuses=statuses,
                focus_areas=focus,
                joint_highlights=joint,
                pages=sorted({part.page for part in group}),
            )
        )
    return Goal(
        number=numeral_value(table.numeral) or number,
        numeral=table.numeral,
        title=_joined(table.slides[0].title_lines, vocabulary),
        sub_goals=sub_goals,
    )


def _joined(
    lines: Sequence[Line],
    vocabulary: frozenset[str],
    bbox: BBox | None = None,
    evidence: TextEvidence = NO_EVIDENCE,
) -> str:
    """A title's lines as one line of text (paragraph rules inside `bbox`, default: the lines' own
    box; paragraphs joined with a space)."""
    if not lines:
        return ""
    box = bbox if bbox is not None else bbox_union([ln.bbox for ln in lines])
    return " ".join(cell_text(lines, box, vocabulary, evidence).split())


def _statements(
    row: RowPart,
    role: str,
    registry: ActorRegistry,
    vocabulary: frozenset[str],
    evidence: TextEvidence,
    warnings: list[Warning],
) -> list[Statement]:
    cell = row.cells.get(role)
    if cell is None or not cell.lines:
        return []
    found, cell_warnings = cell_statements(
        cell.lines, cell.bbox, registry, page=row.page, vocabulary=vocabulary, evidence=evidence
    )
    warnings += cell_warnings
    return found


def suggest_profile(document: Document, options: ParseOptions | None = None) -> str:
    """A starting profile (TOML) for a deck the packaged vocabulary does not read
    (`lnhs-parse profile --suggest`; docs/profiles.md)."""
    from lnhs_parse.normalise.onboarding import suggest_profile as suggest

    return suggest(document, options, _normalise)
